// Who is signed in: the session the core gave at sign-in, kept only in this window's
// sessionStorage (gone when the window closes), and whether the screen is locked.
import { reactive } from 'vue'
import type { SessionInfo } from './types'
import { allowedTo } from './bindings/commands'

const KEY = 'cw-session'

export const auth = reactive<{ session: SessionInfo | null; locked: boolean }>({
  session: null,
  locked: false,
})

/** The token to send with a call: the live session's, or one kept from before a reload. */
export function sessionToken(): string | null {
  if (auth.session) return auth.session.token
  try {
    return sessionStorage.getItem(KEY)
  } catch {
    return null
  }
}

export function setSession(s: SessionInfo): void {
  auth.session = s
  auth.locked = s.locked
  try {
    sessionStorage.setItem(KEY, s.token)
  } catch {
    // Private windows may refuse storage; the session still works until a reload.
  }
}

export function clearSession(): void {
  auth.session = null
  auth.locked = false
  try {
    sessionStorage.removeItem(KEY)
  } catch {
    // nothing kept
  }
}

/** Reacts to what a failed call says about the session: locked, or signed out. */
export function noteAuthError(code: string): void {
  if (code === 'auth.locked' && auth.session) auth.locked = true
  if (code === 'auth.required' && auth.session) clearSession()
}

export const isHead = (): boolean => auth.session?.role === '主任'

/**
 * Whether the signed-in account may run the command `name`, as its line of the command table
 * declares it (bindings/commands.ts): menus and buttons hide what the role may not do. The
 * core refuses it all the same.
 */
export function may(name: keyof typeof allowedTo): boolean {
  switch (allowedTo[name]) {
    case 'Public':
      return true
    case 'Account':
      return auth.session !== null
    case 'Head':
      return isHead()
    case 'CommandLine':
      return false
  }
}

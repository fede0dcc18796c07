import { afterEach, describe, expect, it } from 'vitest'
import { auth, may } from './session'
import type { SessionInfo } from './types'

function signedInAs(role: SessionInfo['role']): void {
  auth.session = { token: 't', username: 'u', display_name: '某人', role, idle_lock_minutes: 10, locked: false }
}

describe('may: the command table decides what a role sees', () => {
  afterEach(() => {
    auth.session = null
  })

  it('lets only the head reopen a month or manage accounts', () => {
    signedInAs('文员')
    expect(may('months.reopen')).toBe(false)
    expect(may('accounts.list')).toBe(false)
    expect(may('fines.create')).toBe(true)
    signedInAs('主任')
    expect(may('months.reopen')).toBe(true)
    expect(may('accounts.list')).toBe(true)
  })

  it('offers the sign-in commands before anyone signs in, and nothing else', () => {
    expect(may('auth.login')).toBe(true)
    expect(may('fines.create')).toBe(false)
  })
})

// Locks the screen after the session's idle minutes without keyboard or mouse. The core locks an
// idle session on its own too; this makes the lock visible without waiting for the next call.
import { onBeforeUnmount, onMounted } from 'vue'
import { call } from '../api'
import { auth } from '../session'

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const

export function useIdleLock(): void {
  let last = Date.now()
  let timer: ReturnType<typeof setInterval> | undefined
  const seen = () => {
    last = Date.now()
  }
  const check = () => {
    const minutes = auth.session?.idle_lock_minutes ?? 0
    if (!auth.session || auth.locked || minutes <= 0) return
    if (Date.now() - last >= minutes * 60_000) {
      auth.locked = true
      call('auth.lock').catch(() => {})
    }
  }
  onMounted(() => {
    EVENTS.forEach((e) => window.addEventListener(e, seen, { passive: true, capture: true }))
    timer = setInterval(check, 15_000)
  })
  onBeforeUnmount(() => {
    EVENTS.forEach((e) => window.removeEventListener(e, seen, { capture: true }))
    if (timer) clearInterval(timer)
  })
}

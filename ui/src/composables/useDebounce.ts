import { getCurrentScope, onScopeDispose } from 'vue'

/** Calls `fn` once typing has paused for `ms` milliseconds; a pending call dies with the view. */
export function useDebounce(fn: () => void, ms = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  if (getCurrentScope()) onScopeDispose(() => clearTimeout(timer))
  return () => {
    clearTimeout(timer)
    timer = setTimeout(fn, ms)
  }
}

import { onBeforeUnmount } from 'vue'

/** Calls `fn` once typing has paused for `ms` milliseconds. */
export function useDebounce(fn: () => void, ms = 300): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  onBeforeUnmount(() => clearTimeout(timer))
  return () => {
    clearTimeout(timer)
    timer = setTimeout(fn, ms)
  }
}

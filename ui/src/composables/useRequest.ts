// One owner for a request's loading state and its error display, so a view does not write
// its own loading flag and try/catch around every call.
import { computed, ref, type ComputedRef } from 'vue'
import { call, toApiError, type ApiError, type ArgsOf, type CommandName, type ResultOf } from '../api'
import type { Commands } from '../bindings/commands'
import { showError } from '../notify'

/** What a view gets from `useRequest`. */
export interface Request {
  /** True while any call started here is still running. */
  loading: ComputedRef<boolean>
  /** Runs one command; resolves with its data, or undefined when it failed (the error is shown). */
  send<N extends CommandName>(name: N, ...args: ArgsOf<Commands[N]['args']>): Promise<ResultOf<N> | undefined>
  /** Runs any async work (several calls at once, say) under the same loading state and error display. */
  run<T>(work: () => Promise<T>): Promise<T | undefined>
}

/** Options of `useRequest`: where a failure is shown (the Chinese message, by default as a toast). */
export interface RequestOptions {
  onError?: (e: ApiError) => void
}

/** A loading state and error display shared by the calls a view makes. */
export function useRequest(options: RequestOptions = {}): Request {
  const onError = options.onError ?? showError
  // A count, not a flag: two calls at once must both end before the spinner goes.
  const pending = ref(0)
  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    pending.value += 1
    try {
      return await work()
    } catch (e) {
      onError(toApiError(e))
      return undefined
    } finally {
      pending.value -= 1
    }
  }
  function send<N extends CommandName>(name: N, ...args: ArgsOf<Commands[N]['args']>) {
    return run(() => call(name, ...args))
  }
  return { loading: computed(() => pending.value > 0), send, run }
}

// Choices for selects, loaded once from the core (the UI never hard-codes labels).
import { ref } from 'vue'
import { call } from '../api'
import { showError } from '../notify'
import type { Options } from '../types'

const options = ref<Options>({
  roles: [],
  staff_statuses: [],
  zone_kinds: [],
  party_kinds: [],
  party_statuses: [],
  tags: [],
  group_nos: [],
})
let loading: Promise<void> | null = null

export function useOptions() {
  if (!loading) {
    loading = call('meta.options')
      .then((o) => {
        options.value = o
      })
      .catch((e) => {
        loading = null
        showError(e)
      })
  }
  return options
}

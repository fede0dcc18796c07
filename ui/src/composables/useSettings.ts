// The community's details, shared by the header and the settings page.
import { ref } from 'vue'
import { call } from '../api'
import type { Settings } from '../types'

const settings = ref<Settings | null>(null)

export async function loadSettings(): Promise<void> {
  settings.value = await call('settings.get')
}

export function useSettings() {
  return settings
}

export function setSettings(s: Settings): void {
  settings.value = s
}

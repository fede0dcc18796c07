// The state of the data file as the app opened it, shared by the banner and the 备份 page.
import { ref } from 'vue'
import { call } from '../../api'
import type { SafetyStatus } from '../../types'

export const safetyStatus = ref<SafetyStatus | null>(null)

/** Whether the app is recovering a damaged file (only the 备份 page works, without signing in). */
export function inRecovery(): boolean {
  return !!safetyStatus.value?.damaged
}

/** Reloads the state (at start, and after a restore). */
export async function refreshSafety(): Promise<SafetyStatus> {
  const s = await call('backups.status')
  safetyStatus.value = s
  return s
}

import { ElMessage } from 'element-plus'
import { toApiError } from './api'

/** Shows a failed call to the clerk; the message is already Chinese. */
export function showError(e: unknown): void {
  const err = toApiError(e)
  ElMessage({ type: 'error', message: err.message, showClose: true, duration: 6000 })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message })
}

import { ElMessage, ElNotification } from 'element-plus'
import { toApiError } from './api'

/** Shows a failed call to the clerk; the message is already Chinese. */
export function showError(e: unknown): void {
  const err = toApiError(e)
  ElMessage({ type: 'error', message: err.message, showClose: true, duration: 6000 })
}

export function showSuccess(message: string): void {
  ElMessage({ type: 'success', message })
}

/**
 * Shows what the clerk must know about a file that was made all the same (characters no font
 * has, printed as □). It stays until closed: the clerk writes those characters in by hand.
 */
export function showFileWarnings(lines: string[]): void {
  ElNotification({
    type: 'warning',
    title: '部分字符无法打印',
    message: lines.join('\n'),
    duration: 0,
    customClass: 'file-warnings',
  })
}

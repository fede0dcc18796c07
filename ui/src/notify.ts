import { ElMessage, ElMessageBox, ElNotification } from 'element-plus'
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

/**
 * Asks the clerk to confirm a step; true when they chose the confirm button. Closing the box
 * or 取消 is a plain no, not an error.
 */
export async function confirmed(
  message: string,
  title = '确认',
  type: 'warning' | 'info' = 'warning',
  confirmText = '确定',
): Promise<boolean> {
  try {
    await ElMessageBox.confirm(message, title, { type, confirmButtonText: confirmText, cancelButtonText: '取消' })
    return true
  } catch {
    return false
  }
}

/**
 * Asks the clerk for a line of text that may not be empty (a reason, say); null when they
 * cancelled. `emptyMessage` is shown while the field is blank.
 */
export async function prompted(
  message: string,
  title: string,
  confirmText: string,
  emptyMessage: string,
  placeholder = '',
): Promise<string | null> {
  try {
    const r = await ElMessageBox.prompt(message, title, {
      inputPlaceholder: placeholder,
      confirmButtonText: confirmText,
      cancelButtonText: '取消',
      inputValidator: (v: string) => v.trim() !== '' || emptyMessage,
    })
    return r.value
  } catch {
    return null
  }
}

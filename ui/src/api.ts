// The one door to the Rust core: Tauri's `invoke` inside the desktop shell, the
// loopback HTTP adapter (same origin) in a browser. Both give the same data and
// the same `{code, message, rows}` errors.
import type { ErrorDto, RowError } from './types'
import type { PickedFolder } from './bindings/PickedFolder'
import type { Commands, Documents } from './bindings/commands'
import { noteAuthError, sessionToken } from './session'

export class ApiError extends Error {
  readonly code: string
  readonly rows: RowError[]

  constructor(code: string, message: string, rows: RowError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.rows = rows
  }
}

function isRowError(v: unknown): v is RowError {
  if (typeof v !== 'object' || v === null) return false
  const r = v as Record<string, unknown>
  return typeof r.row === 'number' && typeof r.column === 'string' && typeof r.message === 'string'
}

/** Turns whatever a failed call produced into an ApiError with a Chinese message. */
export function toApiError(raw: unknown, status?: number): ApiError {
  if (raw instanceof ApiError) return raw
  if (typeof raw === 'object' && raw !== null && !(raw instanceof Error)) {
    const dto = raw as Partial<ErrorDto>
    if (typeof dto.message === 'string' && dto.message !== '') {
      const rows = Array.isArray(dto.rows) ? dto.rows.filter(isRowError) : []
      return new ApiError(typeof dto.code === 'string' ? dto.code : 'unknown', dto.message, rows)
    }
  }
  if (typeof raw === 'string' && raw.trim() !== '') return new ApiError('unknown', raw)
  if (raw instanceof TypeError) return new ApiError('network', '无法连接到办公台服务，请确认程序正在运行')
  if (status !== undefined) return new ApiError(`http.${status}`, `服务返回错误（状态码 ${status}）`)
  return new ApiError('unknown', '操作失败，原因未知')
}

/** Reads the file name from `Content-Disposition` (RFC 5987 `filename*` first). */
export function fileNameFromDisposition(header: string | null, fallback = '下载文件'): string {
  if (!header) return fallback
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)
  if (star) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
    } catch {
      // fall through to the plain form
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header)
  return plain ? plain[1].trim() : fallback
}

export function inTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

async function tauriInvoke<T>(cmd: string, payload: Record<string, unknown>): Promise<T> {
  const { invoke } = await import('@tauri-apps/api/core')
  try {
    return await invoke<T>(cmd, { ...payload, session: sessionToken() })
  } catch (e) {
    throw noted(toApiError(e))
  }
}

const damageListeners: Array<() => void> = []

/**
 * Calls `fn` when a call is refused because the data file is damaged. A large file is checked
 * after the app is up, so the damage may be found while the clerk works.
 */
export function onDamageFound(fn: () => void): void {
  damageListeners.push(fn)
}

function noted(e: ApiError): ApiError {
  noteAuthError(e.code)
  if (e.code === 'store.damaged') damageListeners.forEach((fn) => fn())
  return e
}

async function post(name: string, args: unknown): Promise<Response> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const token = sessionToken()
  if (token) headers['X-CW-Session'] = token
  try {
    return await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(args ?? {}),
    })
  } catch (e) {
    throw toApiError(e instanceof TypeError ? e : new TypeError(String(e)))
  }
}

async function errorFrom(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as { ok?: boolean; error?: unknown }
    return noted(toApiError(body.error, res.status))
  } catch {
    return toApiError(undefined, res.status)
  }
}

/** A command's arguments as a parameter list: optional when an empty object is valid arguments. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ArgsOf<A> = {} extends A ? [args?: A] : [args: A]

/** The name of a command that returns data. */
export type CommandName = keyof Commands
/** The name of a command that makes a file. */
export type DocumentName = keyof Documents
/** What the command `N` returns. */
export type ResultOf<N extends CommandName> = Commands[N]['result']

/**
 * Runs a command of the core and resolves with its data. The name, the arguments and the result
 * are typed by the map generated from the Rust command table (bindings/commands.ts).
 */
export async function call<N extends CommandName>(
  name: N,
  ...rest: ArgsOf<Commands[N]['args']>
): Promise<ResultOf<N>> {
  const args: unknown = rest[0]
  if (inTauri()) return tauriInvoke<ResultOf<N>>('call', { name, args: args ?? {} })
  const res = await post(name, args)
  if (!res.ok) throw await errorFrom(res)
  let body: { ok?: boolean; data?: ResultOf<N>; error?: unknown }
  try {
    body = await res.json()
  } catch {
    throw new ApiError('bad_response', '服务返回的数据无法识别')
  }
  if (body.ok === false) throw noted(toApiError(body.error, res.status))
  return body.data as ResultOf<N>
}

const warningListeners: Array<(warnings: string[]) => void> = []

/**
 * Calls `fn` with what the clerk must know about a file that was made all the same: one
 * Chinese line per document, e.g. characters no font has, printed as □.
 */
export function onFileWarnings(fn: (warnings: string[]) => void): void {
  warningListeners.push(fn)
}

function noteWarnings(warnings: unknown): void {
  if (!Array.isArray(warnings)) return
  const lines = warnings.filter((w): w is string => typeof w === 'string' && w !== '')
  if (lines.length > 0) warningListeners.forEach((fn) => fn(lines))
}

/** Reads the `X-CW-Warnings` header: a percent-encoded JSON list of lines. */
export function warningsFromHeader(header: string | null): string[] {
  if (!header) return []
  try {
    const list: unknown = JSON.parse(decodeURIComponent(header))
    return Array.isArray(list) ? list.filter((w): w is string => typeof w === 'string') : []
  } catch {
    return []
  }
}

/**
 * Runs a command that makes a file (export, print). In the desktop app Rust asks
 * where to save it and opens it; in a browser it is downloaded. Resolves with the
 * saved path or file name, or null when the clerk cancelled the save dialog. Warnings
 * about the file (characters printed as □) go to the `onFileWarnings` listeners.
 */
export async function saveFile<N extends DocumentName>(
  name: N,
  ...rest: ArgsOf<Documents[N]>
): Promise<string | null> {
  const args: unknown = rest[0]
  if (inTauri()) {
    const saved = await tauriInvoke<{ path: string | null; warnings: string[] }>('save_document', {
      name,
      args: args ?? {},
    })
    if (saved.path !== null) noteWarnings(saved.warnings)
    return saved.path
  }
  const res = await post(name, args)
  if (!res.ok) throw await errorFrom(res)
  const type = res.headers.get('Content-Type') ?? ''
  if (type.includes('application/json')) {
    const body = (await res.json()) as { ok?: boolean; error?: unknown }
    if (body.ok === false) throw toApiError(body.error, res.status)
  }
  noteWarnings(warningsFromHeader(res.headers.get('X-CW-Warnings')))
  const fileName = fileNameFromDisposition(res.headers.get('Content-Disposition'))
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
  return fileName
}

/**
 * The native folder dialog of the desktop shell: the folder's token (all the page may name it
 * by) and its path to show; `null` when cancelled. In a browser there is no dialog: the server
 * answers only when started for the tests with a folder to offer (`CW_TEST_PICK_DIR`).
 */
export async function pickFolder(): Promise<PickedFolder | null> {
  if (!inTauri()) return call('backups.pick_folder')
  return tauriInvoke<PickedFolder | null>('pick_folder', {})
}

// The text of a PDF the app wrote, as the end-to-end tests read it back.
import { execFileSync } from 'node:child_process'

/** `pdftotext` of `file` with `flags` (e.g. `['-layout']`); null when pdftotext cannot run. */
export function pdfText(file, flags = []) {
  try {
    return execFileSync('pdftotext', [...flags, file, '-'], { encoding: 'utf8' })
  } catch {
    return null
  }
}

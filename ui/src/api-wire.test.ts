// What the loopback server requires of every call (see src-tauri/crates/cw-http/src/guard.rs):
// a POST to the same origin with a JSON body declared as application/json. A call without it
// is refused (415) before it runs, so the UI must never send anything else, uploads included.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, saveFile } from './api'

type Sent = { url: string; init: RequestInit }

function recordFetch(answer: () => Response): Sent[] {
  const sent: Sent[] = []
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, init })
    return answer()
  })
  return sent
}

describe('the wire to the loopback server', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends every call, an upload too, as a same-origin JSON POST', async () => {
    const sent = recordFetch(() => new Response(JSON.stringify({ ok: true, data: {} }), { status: 200 }))
    await call('auth.status')
    await call('import.preview', { target: 'households', file_name: '住户.xlsx', data_base64: 'UEsDBA==' })
    for (const { url, init } of sent) {
      expect(url.startsWith('/api/call/'), url).toBe(true)
      expect(init.method).toBe('POST')
      expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
      expect(() => JSON.parse(String(init.body))).not.toThrow()
    }
    expect(JSON.parse(String(sent[1].init.body)).data_base64).toBe('UEsDBA==')
  })

  it('sends a download as a JSON POST as well', async () => {
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined })
    const link = { href: '', download: '', style: { display: '' }, click: () => undefined, remove: () => undefined }
    vi.stubGlobal('document', { createElement: () => link, body: { appendChild: () => undefined } })
    const sent = recordFetch(
      () => new Response('%PDF', { status: 200, headers: { 'Content-Type': 'application/pdf' } }),
    )
    await saveFile('print.statements', { month: '2026-11' })
    expect(sent).toHaveLength(1)
    expect((sent[0].init.headers as Record<string, string>)['Content-Type']).toBe('application/json')
  })
})

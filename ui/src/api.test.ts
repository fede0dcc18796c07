import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, call, fileNameFromDisposition, onDamageFound, onFileWarnings, saveFile, toApiError, warningsFromHeader } from './api'

describe('toApiError', () => {
  it('keeps the code, Chinese message and bad rows of an ErrorDto', () => {
    const e = toApiError({
      code: 'import.rows',
      message: '导入文件有 1 处错误，未写入任何数据',
      rows: [{ row: 3, column: '类型', message: '「商铺」不是可选值' }],
    })
    expect(e).toBeInstanceOf(ApiError)
    expect(e.code).toBe('import.rows')
    expect(e.message).toBe('导入文件有 1 处错误，未写入任何数据')
    expect(e.rows).toEqual([{ row: 3, column: '类型', message: '「商铺」不是可选值' }])
  })
  it('tolerates a missing rows list and bad row entries', () => {
    expect(toApiError({ code: 'conflict', message: '已存在' }).rows).toEqual([])
    expect(toApiError({ code: 'x', message: 'y', rows: [{ row: 'a' }] }).rows).toEqual([])
  })
  it('maps strings, network failures and bare statuses to Chinese', () => {
    expect(toApiError('出错了').message).toBe('出错了')
    expect(toApiError(new TypeError('Failed to fetch')).code).toBe('network')
    expect(toApiError(undefined, 502).message).toContain('502')
    expect(toApiError(undefined).message).toBe('操作失败，原因未知')
  })
  it('passes an ApiError through', () => {
    const e = new ApiError('a', 'b')
    expect(toApiError(e)).toBe(e)
  })
})

describe('fileNameFromDisposition', () => {
  it('decodes the UTF-8 form', () => {
    const h = `attachment; filename*=UTF-8''${encodeURIComponent('住户与门店.xlsx')}`
    expect(fileNameFromDisposition(h)).toBe('住户与门店.xlsx')
  })
  it('prefers filename* over filename', () => {
    const h = `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent('人员.csv')}`
    expect(fileNameFromDisposition(h)).toBe('人员.csv')
  })
  it('falls back to the plain form or a default', () => {
    expect(fileNameFromDisposition('attachment; filename="a.pdf"')).toBe('a.pdf')
    expect(fileNameFromDisposition(null)).toBe('下载文件')
  })
})

describe('onDamageFound', () => {
  afterEach(() => vi.unstubAllGlobals())
  function answer(code: string) {
    vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ ok: false, error: { code, message: '数据文件已损坏' } }), { status: 409 }))
  }
  it('is told when a call is refused because the file is damaged, and not for other refusals', async () => {
    const seen: number[] = []
    onDamageFound(() => seen.push(1))
    answer('conflict')
    await expect(call('zones.create', {})).rejects.toThrow('数据文件已损坏')
    expect(seen).toHaveLength(0)
    answer('store.damaged')
    await expect(call('zones.create', {})).rejects.toMatchObject({ code: 'store.damaged' })
    expect(seen).toHaveLength(1)
  })
})

describe('file warnings', () => {
  afterEach(() => vi.unstubAllGlobals())
  const line = '「2026年11月工资考核结算单」中有字库没有的字：𰻞（第 2 页），已印作□，请在纸上手写补齐。'
  it('reads the percent-encoded list of the X-CW-Warnings header', () => {
    expect(warningsFromHeader(encodeURIComponent(JSON.stringify([line])))).toEqual([line])
    expect(warningsFromHeader(null)).toEqual([])
    expect(warningsFromHeader('%E0%A4%A')).toEqual([])
  })
  it('tells the listeners after a download that came with warnings, and not otherwise', async () => {
    const seen: string[][] = []
    onFileWarnings((w) => seen.push(w))
    vi.stubGlobal('URL', { createObjectURL: () => 'blob:x', revokeObjectURL: () => undefined })
    const link = { href: '', download: '', style: { display: '' }, click: () => undefined, remove: () => undefined }
    vi.stubGlobal('document', { createElement: () => link, body: { appendChild: () => undefined } })
    const pdf = (warnings?: string[]) =>
      vi.stubGlobal('fetch', async () => {
        const headers: Record<string, string> = { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename*=UTF-8''a.pdf" }
        if (warnings) headers['X-CW-Warnings'] = encodeURIComponent(JSON.stringify(warnings))
        return new Response('%PDF', { status: 200, headers })
      })
    pdf()
    await saveFile('print.statements', { month: '2026-11' })
    expect(seen).toHaveLength(0)
    pdf([line])
    expect(await saveFile('print.statements', { month: '2026-11' })).toBe('a.pdf')
    expect(seen).toEqual([[line]])
  })
})

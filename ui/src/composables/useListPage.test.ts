import { describe, expect, it } from 'vitest'
import { ApiError } from '../api'
import { useListPage } from './useListPage'
import { useRequest } from './useRequest'

/** A promise the test settles by hand, to put answers out of order. */
function later<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

type Q = { q: string; sort: string | null; desc: boolean; page: number | null }
const initial: Q = { q: '', sort: 'name', desc: false, page: 1 }

describe('useRequest', () => {
  it('is loading until the work ends and resolves with its data', async () => {
    const r = useRequest({ onError: () => {} })
    const gate = later<number>()
    const done = r.run(() => gate.promise)
    expect(r.loading.value).toBe(true)
    gate.resolve(7)
    expect(await done).toBe(7)
    expect(r.loading.value).toBe(false)
  })

  it('shows a failure once, as the Chinese message, and resolves with undefined', async () => {
    const shown: ApiError[] = []
    const r = useRequest({ onError: (e) => shown.push(e) })
    const got = await r.run(() => Promise.reject({ code: 'fees.closed', message: '批次已结账' }))
    expect(got).toBeUndefined()
    expect(shown.map((e) => [e.code, e.message])).toEqual([['fees.closed', '批次已结账']])
    expect(r.loading.value).toBe(false)
  })

  it('stays loading while the second of two calls is still running', async () => {
    const r = useRequest({ onError: () => {} })
    const a = later<number>()
    const b = later<number>()
    const first = r.run(() => a.promise)
    void r.run(() => b.promise)
    a.resolve(1)
    await first
    expect(r.loading.value).toBe(true)
    b.resolve(2)
    await Promise.resolve()
    await Promise.resolve()
    expect(r.loading.value).toBe(false)
  })
})

describe('useListPage', () => {
  it('starts a new search again at page 1 and sends the whole query', async () => {
    const sent: Q[] = []
    const list = useListPage(async (q: Q) => (sent.push(q), q.q), initial, '', { onError: () => {} })
    list.query.page = 4
    list.query.q = '张'
    await list.reload()
    expect(sent).toEqual([{ q: '张', sort: 'name', desc: false, page: 1 }])
    expect(list.data.value).toBe('张')
  })

  it('never lets a slow answer to an older search overwrite a newer one', async () => {
    const answers: Array<ReturnType<typeof later<string>>> = []
    const list = useListPage(() => {
      const a = later<string>()
      answers.push(a)
      return a.promise
    }, initial, 'empty', { onError: () => {} })
    const older = list.load()
    const newer = list.load()
    answers[1].resolve('newer')
    await newer
    answers[0].resolve('older')
    await older
    expect(list.data.value).toBe('newer')
  })

  it('keeps what is on screen when a load fails, and says why', async () => {
    const shown: string[] = []
    let fail = false
    const list = useListPage(
      () => (fail ? Promise.reject(new ApiError('store.busy', '数据文件正忙')) : Promise.resolve('rows')),
      initial,
      '',
      { onError: (e) => shown.push(e.message) },
    )
    await list.load()
    fail = true
    await list.load()
    expect(list.data.value).toBe('rows')
    expect(shown).toEqual(['数据文件正忙'])
  })

  it('maps a header click to the query sort key, and an unknown column to the fallback', async () => {
    const list = useListPage(async (q: Q) => `${q.sort}:${q.desc}`, initial, '', {
      sort: { columns: { hire_date: 'hire_date' }, fallback: 'name' },
      onError: () => {},
    })
    list.query.page = 3
    await list.onSort({ prop: 'hire_date', order: 'descending' })
    expect(list.data.value).toBe('hire_date:true')
    expect(list.query.page).toBe(1)
    await list.onSort({ prop: 'phone', order: 'ascending' })
    expect(list.data.value).toBe('name:false')
  })
})

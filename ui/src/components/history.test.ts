import { describe, expect, it } from 'vitest'
import { changesOf } from './history'

describe('changesOf', () => {
  it('lists only the fields that changed, with Chinese labels', () => {
    const c = changesOf({ id: 3, name: '王伟超市', phone: '138', tags: ['出租'] }, { id: 3, name: '王伟超市', phone: '139', tags: ['出租', '低保'] })
    expect(c).toEqual([
      { field: 'phone', label: '电话', before: '138', after: '139' },
      { field: 'tags', label: '标签', before: '出租', after: '出租、低保' },
    ])
  })
  it('shows every field of a new record without a before', () => {
    const c = changesOf(null, { id: 1, name: '黄山路东段', active: true, note: '', cleaner_ids: [], cleaner_names: [] })
    expect(c).toEqual([
      { field: 'name', label: '名称', before: null, after: '黄山路东段' },
      { field: 'active', label: '在用', before: null, after: '是' },
    ])
  })
})

describe('changesOf with ids beside names', () => {
  it('shows the name and not the id', () => {
    const c = changesOf({ zone_id: 1, zone_name: '东段' }, { zone_id: 2, zone_name: '西段' })
    expect(c).toEqual([{ field: 'zone_name', label: '责任区', before: '东段', after: '西段' }])
  })
})

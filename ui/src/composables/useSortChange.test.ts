import { describe, expect, it } from 'vitest'
import { sortFromEvent } from './useSortChange'

const columns = { name: 'name', address_text: 'address' }

describe('sortFromEvent', () => {
  it('maps a column and direction onto the query', () => {
    expect(sortFromEvent({ prop: 'address_text', order: 'descending' }, columns, null)).toEqual({ sort: 'address', desc: true })
    expect(sortFromEvent({ prop: 'name', order: 'ascending' }, columns, null)).toEqual({ sort: 'name', desc: false })
  })
  it('falls back when sorting is cleared or the column is not sortable', () => {
    expect(sortFromEvent({ prop: 'name', order: null }, columns, 'address')).toEqual({ sort: 'address', desc: false })
    expect(sortFromEvent({ prop: 'phone', order: 'ascending' }, columns, 'address')).toEqual({ sort: 'address', desc: false })
  })
})

import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { matchesItem, matchesName, usePickFilter } from './usePickFilter'

const wang = { name: '王伟超', pinyin: 'wwc|wangweichao' }
const zone = { name: '幸福路东段', pinyin: 'xfldd|xingfuludongduan' }

describe('the drop-down filter', () => {
  it('finds a name by its pinyin initials', () => {
    expect(matchesName('wwc', wang)).toBe(true)
    expect(matchesName('WC', wang)).toBe(true)
  })

  it('finds a name by its full pinyin', () => {
    expect(matchesName('wang', wang)).toBe(true)
    expect(matchesName('wang wei', wang)).toBe(true)
  })

  it('finds a name by a part of it', () => {
    expect(matchesName('伟超', wang)).toBe(true)
    expect(matchesName('东段', zone)).toBe(true)
  })

  it('does not find a name by letters that are in neither its initials nor its pinyin', () => {
    expect(matchesName('zz', wang)).toBe(false)
    expect(matchesName('李', wang)).toBe(false)
  })

  it('shows everything for an empty query and copes without a pinyin key', () => {
    expect(matchesName('  ', wang)).toBe(true)
    expect(matchesName('wwc', { name: '王伟超' })).toBe(false)
  })

  it('finds a schedule item by code or by its wording', () => {
    const item = { code: 'A3', offence: '路面有垃圾' }
    expect(matchesItem('a3', item)).toBe(true)
    expect(matchesItem('垃圾', item)).toBe(true)
    expect(matchesItem('B1', item)).toBe(false)
  })

  it('keeps one query per select', () => {
    const f = usePickFilter()
    const list = [wang, { name: '李明', pinyin: 'lm|liming' }]
    f.by('staff')('lm')
    expect(f.names('staff', list).map((x) => x.name)).toEqual(['李明'])
    expect(f.names('recorder', list)).toHaveLength(2)
    expect(f.by('staff')).toBe(f.by('staff'))
  })
})

// A filterable select left on Element Plus's own label match would not find 王伟超 by wwc.
const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
function vueFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    return statSync(p).isDirectory() ? vueFiles(p) : name.endsWith('.vue') ? [p] : []
  })
}

describe('every filterable drop-down under ui/src', () => {
  it('filters through usePickFilter unless it searches the server or takes new entries', () => {
    const offences: string[] = []
    for (const file of vueFiles(SRC)) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/<el-select\b[^>]*>/g)) {
        const tag = m[0]
        if (!/\sfilterable\b/.test(tag) || /\sremote\b|\sallow-create\b/.test(tag)) continue
        if (!/:filter-method="pf\.by\(/.test(tag) || !/default-first-option/.test(tag)) {
          offences.push(`${path.relative(SRC, file)}:${text.slice(0, m.index).split('\n').length}`)
        }
      }
    }
    expect(offences).toEqual([])
  })
})

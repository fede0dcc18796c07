import { describe, expect, it } from 'vitest'
import { dataUrlToBase64 } from './file-base64'

describe('dataUrlToBase64', () => {
  it('strips the data URL prefix', () => {
    expect(dataUrlToBase64('data:text/csv;base64,5L2P5oi3')).toBe('5L2P5oi3')
    expect(dataUrlToBase64('data:;base64,')).toBe('')
  })
  it('passes plain base64 through', () => {
    expect(dataUrlToBase64('UEsDBA==')).toBe('UEsDBA==')
  })
})

import { describe, expect, test } from 'vitest'
import { excerpt } from './excerpt'

describe('excerpt', () => {
  test('marks the characters of the mistake and puts carets under them', () => {
    const e = excerpt('import("fs")', { message: '', column: 1, length: 6 })
    expect(e).toEqual({ before: '', marked: 'import', after: '("fs")', caret: '^^^^^^' })
  })

  test('a mistake past the end marks one blank', () => {
    const e = excerpt('x^', { message: '', column: 3, length: 1 })
    expect(e).toEqual({ before: 'x^', marked: ' ', after: '', caret: '  ^' })
  })

  test('a long formula is cut to a window around the mistake, the caret still aligned', () => {
    const text = `${'x + '.repeat(40)}@ + ${'y + '.repeat(40)}1`
    const column = text.indexOf('@') + 1
    const e = excerpt(text, { message: '', column, length: 1 }, 30)
    expect(e.before.startsWith('…')).toBe(true)
    expect(e.after.endsWith('…')).toBe(true)
    expect(e.marked).toBe('@')
    expect((e.before + e.marked + e.after)[e.caret.indexOf('^')]).toBe('@')
  })

  test('newlines become blanks so the caret line stays under its line', () => {
    expect(excerpt('x +\n@', { message: '', column: 5, length: 1 }).before).toBe('x + ')
  })
})

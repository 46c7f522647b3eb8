import { describe, expect, test } from 'vitest'
import { shortcutFor, type KeyPress } from './keyboard'

const press = (
  key: string,
  target: KeyPress['target'] = { tagName: 'BODY' },
  extra: Partial<KeyPress> = {},
): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  repeat: false,
  target,
  ...extra,
})

describe('shortcutFor', () => {
  test('space toggles play and r resets, anywhere but in a control', () => {
    expect(shortcutFor(press(' '))).toBe('toggle')
    expect(shortcutFor(press('r'))).toBe('reset')
    expect(shortcutFor(press('R', { tagName: 'div' }))).toBe('reset')
    expect(shortcutFor(press('x'))).toBeNull()
  })

  test('never while typing, on a button (space clicks it), or with a modifier', () => {
    for (const tagName of ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON'])
      expect(shortcutFor(press(' ', { tagName }))).toBeNull()
    expect(shortcutFor(press('r', { tagName: 'DIV', isContentEditable: true }))).toBeNull()
    expect(shortcutFor(press('r', null, { ctrlKey: true }))).toBeNull()
    expect(shortcutFor(press(' ', null, { repeat: true }))).toBeNull()
  })
})

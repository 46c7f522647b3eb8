import { describe, expect, it } from 'vitest'
import { readAppearance } from './appearance-read'
import { PALETTE_IDS, PALETTES, paletteColour } from './palettes'

describe('appearance', () => {
  it('reads a stored choice, and the defaults for anything else', () => {
    expect(readAppearance('{"scheme":"dark","palette":"tol-vibrant"}')).toEqual({
      scheme: 'dark',
      palette: 'tol-vibrant',
    })
    for (const text of [
      null,
      '',
      '{',
      '[]',
      '"dark"',
      '{"scheme":"<b>","palette":"constructor"}',
      '{"__proto__":{"scheme":"dark"}}',
    ]) {
      expect(readAppearance(text)).toEqual({ scheme: 'system', palette: 'okabe-ito' })
    }
  })

  it('offers two palettes of four lane colours; Okabe-Ito is the lanes’ own', () => {
    expect(PALETTE_IDS).toEqual(['okabe-ito', 'tol-vibrant'])
    expect([...PALETTES['okabe-ito'].colours]).toEqual(['#D55E00', '#CC79A7', '#F0E442', '#56B4E9'])
    expect(PALETTES['tol-vibrant'].colours).not.toEqual(PALETTES['okabe-ito'].colours)
    for (const id of PALETTE_IDS) {
      const colours = [0, 1, 2, 3].map((k) => paletteColour(id, k))
      expect(new Set(colours).size).toBe(4)
      expect(paletteColour(id, 4)).toBe(colours[0])
    }
  })
})

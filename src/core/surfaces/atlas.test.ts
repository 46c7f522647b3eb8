import { describe, it, expect } from 'vitest'
import { itemsInFolders, missingFromList } from '../../testing/one-file-each'
import { ATLAS, DEFAULT_SURFACE_ID, atlasSurface, type AtlasSurface } from './index'

const isSurface = (v: unknown): v is AtlasSurface =>
  typeof v === 'object' && v !== null && 'formula' in v && 'domain' in v && 'points' in v

// Structural checks only; values at the known points are checked against the formula engine elsewhere.
describe('surface atlas', () => {
  it('lists every surface a file of this folder exports, one file each, named by its id', async () => {
    const found = await itemsInFolders([new URL('./', import.meta.url)], isSurface)
    expect(missingFromList(found, ATLAS, (s) => s.id)).toEqual({ unlisted: [], withoutFile: [] })
    for (const { file, item } of found) expect(file.endsWith(`/${item.id}.ts`), file).toBe(true)
  })

  it('has unique kebab-case ids, the default first', () => {
    const ids = ATLAS.map((s) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    expect(ids[0]).toBe(DEFAULT_SURFACE_ID)
  })

  it('looks surfaces up by id only', () => {
    expect(atlasSurface(DEFAULT_SURFACE_ID)?.id).toBe(DEFAULT_SURFACE_ID)
    for (const id of ['constructor', '__proto__', 'toString', '']) expect(atlasSurface(id)).toBeUndefined()
  })

  describe.each(ATLAS.map((s) => [s.id, s] as const))('%s', (_, s) => {
    it('has a two-sentence note', () => {
      expect(s.note.trim().match(/[.!?](?=\s|$)/g)).toHaveLength(2)
    })

    it('has a proper domain, temperatures and step sizes', () => {
      expect(s.domain.xmin).toBeLessThan(s.domain.xmax)
      expect(s.domain.ymin).toBeLessThan(s.domain.ymax)
      expect(s.kT[0]).toBeGreaterThan(0)
      expect(s.kT[0]).toBeLessThan(s.kT[1])
      expect(s.learningRate).toBeGreaterThan(0)
      expect(s.dt).toBeGreaterThan(0)
      expect(s.clipAt !== undefined).toBe(s.colourScale === 'clip')
    })

    it('has its known points inside the domain', () => {
      expect(s.points.length).toBeGreaterThan(0)
      for (const p of s.points) {
        expect(p.x).toBeGreaterThanOrEqual(s.domain.xmin)
        expect(p.x).toBeLessThanOrEqual(s.domain.xmax)
        expect(p.y).toBeGreaterThanOrEqual(s.domain.ymin)
        expect(p.y).toBeLessThanOrEqual(s.domain.ymax)
      }
    })
  })
})

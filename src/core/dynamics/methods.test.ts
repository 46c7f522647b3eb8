import { describe, expect, it } from 'vitest'
import { itemsInFolders, missingFromList } from '../../testing/one-file-each'
import type { MethodDescriptor } from './method'
import { methodById, METHODS } from './methods'

const isMethod = (v: unknown): v is MethodDescriptor =>
  typeof v === 'object' &&
  v !== null &&
  'family' in v &&
  'params' in v &&
  typeof (v as MethodDescriptor).create === 'function'

describe('the list of methods', () => {
  it('holds every method a file of optimizers/ or samplers/ exports, and nothing without a file', async () => {
    const found = await itemsInFolders(
      [new URL('./optimizers/', import.meta.url), new URL('./samplers/', import.meta.url)],
      isMethod,
    )
    expect(found.length).toBeGreaterThanOrEqual(METHODS.length)
    expect(missingFromList(found, METHODS, (m) => m.id)).toEqual({ unlisted: [], withoutFile: [] })
  })

  it('has unique kebab-case ids that methodById finds', () => {
    for (const m of METHODS) {
      expect(m.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(methodById(m.id)).toBe(m)
    }
    expect(new Set(METHODS.map((m) => m.id)).size).toBe(METHODS.length)
    expect(methodById('constructor')).toBeUndefined()
  })
})

import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { expect } from 'vitest'

/**
 * Golden files: the JSON documents a figure script would read. Numbers are
 * compared to 1e-9 relative (the last bits of a Newton iteration may move when
 * its code does); structure, keys, kinds and strings exactly. Regenerate with
 * UPDATE_GOLDEN=1 after a deliberate change, format the files (`npm run format`), and read the diff.
 */
export function expectGolden(name: string, actual: unknown): void {
  const file = new URL(`./golden/${name}.json`, import.meta.url)
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, `${JSON.stringify(actual, null, 2)}\n`)
  expect(existsSync(file), `golden file ${name}.json is missing: run UPDATE_GOLDEN=1 npm run test:unit`).toBe(true)
  const expected = JSON.parse(readFileSync(file, 'utf8')) as unknown
  const compare = (a: unknown, e: unknown, path: string): void => {
    if (typeof e === 'number' && typeof a === 'number') {
      expect(Math.abs(a - e), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(e)))
    } else if (Array.isArray(e)) {
      expect(Array.isArray(a) && a.length, path).toBe(e.length)
      e.forEach((v, i) => compare((a as unknown[])[i], v, `${path}[${i}]`))
    } else if (e !== null && typeof e === 'object') {
      expect(Object.keys(a as object).sort(), path).toEqual(Object.keys(e).sort())
      for (const [k, v] of Object.entries(e)) compare((a as Record<string, unknown>)[k], v, `${path}.${k}`)
    } else {
      expect(a, path).toEqual(e)
    }
  }
  compare(actual, expected, name)
}

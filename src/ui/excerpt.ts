import type { FormulaError } from '../core/formula/types'

/** The part of a formula around a mistake, split so the mistake can be marked, with a caret line under it. */
export interface Excerpt {
  before: string
  marked: string
  after: string
  /** Spaces then carets, aligned under `marked` in a monospace font. */
  caret: string
}

/**
 * Cuts a window of about `width` characters around the mistake (long formulas
 * do not fit on a line) and marks error.length characters from error.column
 * (1-based). A mistake just past the end marks one blank.
 */
export function excerpt(text: string, error: FormulaError, width = 56): Excerpt {
  const flat = text.replace(/\s/g, ' ')
  const start = Math.min(Math.max(error.column - 1, 0), flat.length)
  const end = Math.min(start + Math.max(error.length, 1), flat.length)
  const from = Math.max(0, Math.min(start - Math.floor(width / 2), flat.length - width))
  const to = Math.max(end, Math.min(flat.length, from + width))
  const before = (from > 0 ? '…' : '') + flat.slice(from, start)
  const marked = end > start ? flat.slice(start, end) : ' '
  const after = flat.slice(end, to) + (to < flat.length ? '…' : '')
  return { before, marked, after, caret: ' '.repeat(before.length) + '^'.repeat(marked.length) }
}

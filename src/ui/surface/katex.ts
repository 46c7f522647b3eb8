import type Katex from 'katex'
import { parseMath } from '../../core/formula/mathjs'

/**
 * KaTeX is loaded on first use (with its stylesheet and fonts), so the page's
 * start-up bundle does not carry it.
 */
let katex: Promise<typeof Katex> | null = null

export function loadKatex(): Promise<typeof Katex> {
  katex ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([module]) => module.default)
  return katex
}

/**
 * A checked formula as TeX, from mathjs's own printer of its parsed tree: the
 * text has passed the allow-list, so the tree holds only numbers, x, y,
 * parameter names and allowed functions. null if it cannot be printed.
 */
export function formulaTex(text: string): string | null {
  try {
    return parseMath(text).toTex({ parenthesis: 'keep', implicit: 'hide' })
  } catch {
    return null
  }
}

import type Katex from 'katex'

/**
 * KaTeX is loaded on first use (with its stylesheet and fonts), so the page's
 * start-up bundle does not carry it.
 */
let katex: Promise<typeof Katex> | null = null

export function loadKatex(): Promise<typeof Katex> {
  katex ??= Promise.all([import('katex'), import('katex/dist/katex.min.css')]).then(([module]) => module.default)
  return katex
}

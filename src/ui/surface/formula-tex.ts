import type { MathNode } from 'mathjs'
import { parseMath } from '../../core/formula/mathjs'

/** A function applied with stretchy brackets, as mathjs prints it: `\exp\left(…\right)`. */
const STRETCHY_CALL = /^(\\[a-zA-Z]+|\\mathrm\{[^}]+\})\\left\(([\s\S]*)\\right\)$/

/**
 * A checked formula as TeX, from mathjs's own printer of its parsed tree: the
 * text has passed the allow-list, so the tree holds only numbers, x, y,
 * parameter names and allowed functions. null if it cannot be printed.
 *
 * A function's own brackets are printed plain, `\exp(…)`: KaTeX never breaks a
 * line inside \left…\right, and a long sum inside exp( ) (Müller-Brown) must be
 * able to wrap at its + and − signs to fit a narrow column (never after a ·).
 */
export function formulaTex(text: string): string | null {
  const handler = (node: MathNode, options: object): string | undefined => {
    if (node.type !== 'FunctionNode') return undefined
    const tex = node.toTex({ ...options, handler: undefined })
    return tex.replace(STRETCHY_CALL, '$1($2)')
  }
  try {
    // Lines break at + and −, not between a factor and what it multiplies.
    return parseMath(text)
      .toTex({ parenthesis: 'keep', implicit: 'hide', handler })
      .replaceAll('\\cdot', '\\cdot\\nobreak ')
  } catch {
    return null
  }
}

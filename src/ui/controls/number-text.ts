/**
 * Numbers as a student types and reads them in a text box: "0.001", "1e-4",
 * "−2" (a true minus, as the page writes it), " 5 ". A number input of type
 * "number" cannot tell an empty box from a wrong one, so the page reads text.
 */

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string }

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i

export function parseNumberText(text: string): ParsedNumber {
  const t = text.trim().replace(/\u2212/g, '-')
  if (t === '') return { ok: false, message: 'enter a number' }
  if (!NUMBER.test(t)) return { ok: false, message: `'${text.trim().slice(0, 24)}' is not a number` }
  const value = Number(t)
  if (!Number.isFinite(value)) return { ok: false, message: `${t} is too large` }
  return { ok: true, value }
}

/**
 * A value for a text box: short, exact enough to read back (6 significant
 * digits), exponent notation for very small or large magnitudes, ASCII minus
 * (so the box's text parses as typed).
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  if (value === 0) return '0'
  const abs = Math.abs(value)
  if (abs >= 1e6 || abs < 1e-4) {
    const [mantissa, exponent] = value.toExponential(5).split('e')
    return `${trimZeros(mantissa)}e${exponent.replace('+', '')}`
  }
  return trimZeros(value.toPrecision(6))
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

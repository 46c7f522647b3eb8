/**
 * Numbers as the panels write them in words: a few significant figures, a
 * true minus sign, thousands grouped, and a short exponent ("1.35e-3") for
 * what is very large or smaller than `smallest`.
 */
export function formatSignificant(value: number, digits = 3, smallest = 1e-2): string {
  if (Number.isNaN(value)) return 'not a number'
  if (!Number.isFinite(value)) return value > 0 ? 'infinity' : '\u2212infinity'
  const abs = Math.abs(value)
  let text: string
  if (abs !== 0 && (abs >= 1e6 || abs < smallest)) {
    const [mantissa, exponent] = abs.toExponential(digits - 1).split('e')
    text = `${trimZeros(mantissa)}e${Number(exponent)}`
  } else {
    text = group(Number(abs.toPrecision(digits)))
  }
  return value < 0 && Number(text.replace(/,/g, '').split('e')[0]) !== 0 ? `\u2212${text}` : text
}

/** A whole number with thousands grouped: 9,949,672. */
export function formatCount(value: number): string {
  return Number.isFinite(value) ? group(Math.round(value)) : formatSignificant(value)
}

/** A fraction as a percentage: 57.4%. */
export function formatPercent(fraction: number, digits = 3): string {
  return `${formatSignificant(100 * fraction, digits)}%`
}

/** Commas between thousands of |value| (toLocaleString is about ten times slower, and this runs every frame). */
function group(value: number): string {
  const [whole, fraction] = String(Math.abs(value)).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction ? `${grouped}.${fraction}` : grouped
}

function trimZeros(mantissa: string): string {
  return mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa
}

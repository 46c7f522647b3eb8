/** A number as the page shows it: fixed decimals, a true minus sign, and never "−0.00". */
export function formatValue(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  const text = abs >= 1e5 ? abs.toExponential(2) : abs.toFixed(decimals)
  const zero = /^0\.0+$/.test(text)
  return value < 0 && !zero ? `\u2212${text}` : text
}

/** Plain-text tables for people; JSON is the format for scripts. */

export function formatNumber(v: number | null, digits = 6): string {
  if (v === null) return '-'
  if (v === 0) return '0'
  const a = Math.abs(v)
  return a >= 1e6 || a < 1e-4 ? v.toExponential(digits - 1) : Number(v.toPrecision(digits)).toString()
}

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

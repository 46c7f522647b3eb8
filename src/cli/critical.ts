import { criticalPoints } from '../core/landscape/critical'
import { nameCriticalPoints } from '../core/landscape/names'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { SURFACE_HELP, SURFACE_OPTIONS, surfaceInput, type ResolvedSurface } from './inputs'
import type { Command } from './usage'

interface CriticalOutput extends ResolvedSurface {
  version: string
  /** Each with the name the page gives it (MA, S1, or M1, S1... by kind and value: core/landscape/names.ts). */
  points: { name: string; x: number; y: number; value: number; kind: string; eigenvalues: [number, number] | null }[]
}

export const criticalCommand: Command = {
  name: 'critical',
  summary: 'find every minimum, saddle and maximum of a surface',
  usage: 'landscape critical (--surface ID | --formula TEXT) [--domain X0,X1,Y0,Y1] [--param NAME=VALUE ...] [--json]',
  help: [
    'Finds the critical points inside the domain (Newton from a grid of seeds) and',
    'classifies them by the eigenvalues of the Hessian; degenerate when one is near zero.',
    ...SURFACE_HELP,
  ],
  options: SURFACE_OPTIONS,
  run(values, warn): CriticalOutput {
    const input = surfaceInput(values)
    input.warnings.forEach(warn)
    const found = criticalPoints(input.compiled)
    const names = nameCriticalPoints(found, input.atlas?.points ?? [], input.compiled.domain)
    const points = found.map((p, i) => ({
      name: names[i]!,
      x: p.x,
      y: p.y,
      value: p.value,
      kind: p.kind,
      eigenvalues: p.eigenvalues,
    }))
    return { version: VERSION, ...input.resolved, points }
  },
  table(result) {
    const r = result as CriticalOutput
    return renderTable(
      ['name', 'kind', 'x', 'y', 'value', 'eigenvalues'],
      r.points.map((p) => [
        p.name,
        p.kind,
        formatNumber(p.x),
        formatNumber(p.y),
        formatNumber(p.value),
        p.eigenvalues ? p.eigenvalues.map((e) => formatNumber(e, 4)).join(', ') : '-',
      ]),
    )
  },
}

import { basinMap } from '../core/landscape/basins'
import { criticalPoints } from '../core/landscape/critical'
import { basinPopulations } from '../core/landscape/populations'
import { connectSaddles } from '../core/landscape/saddles'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseNumber, SURFACE_HELP, SURFACE_OPTIONS, surfaceInput, type ResolvedSurface } from './inputs'
import { parseInteger } from './run-options'
import { UsageError, type Command } from './usage'

interface BasinsOutput extends ResolvedSurface {
  version: string
  grid: number
  kT: number | null
  minima: {
    name: string
    x: number
    y: number
    value: number
    population?: { kT: number; exact: number; harmonic: number }
  }[]
  saddles: { name: string; x: number; y: number; value: number; joins: [number, number]; barriers: [number, number] }[]
}

export const basinsCommand: Command = {
  name: 'basins',
  summary: 'the basins of a surface: minima, the saddles joining them, barriers, populations at kT',
  usage:
    'landscape basins (--surface ID | --formula TEXT) [--param NAME=VALUE ...] [--domain X0,X1,Y0,Y1] ' +
    '[--grid N] [--kT T] [--json]',
  help: [
    'Lists the minima (lowest first; their indices are used everywhere) and each saddle with',
    "the two basins it joins and the barrier seen from each side. With --kT, each basin's",
    'exact Boltzmann population (integrated over the basin on an N x N grid) and its',
    'harmonic estimate.',
    ...SURFACE_HELP,
    '  --grid N                grid nodes per axis of the basin map (default 200)',
    '  --kT T                  temperature for the populations',
  ],
  options: { ...SURFACE_OPTIONS, grid: { type: 'string' }, kT: { type: 'string' } },
  run(values, warn): BasinsOutput {
    const grid = parseInteger(values.grid as string | undefined, '--grid', 10, 2000, 200)
    const kT = values.kT === undefined ? null : parseNumber(values.kT as string, '--kT')
    if (kT !== null && !(kT > 0)) throw new UsageError(`--kT: ${kT} must be positive`)
    const input = surfaceInput(values)
    input.warnings.forEach(warn)
    const surface = input.compiled
    const points = criticalPoints(surface)
    const landscape = connectSaddles(surface, points, input.atlas?.points ?? [])
    const populations = kT === null ? null : basinPopulations(surface, basinMap(surface, points, grid), kT)
    return {
      version: VERSION,
      ...input.resolved,
      grid,
      kT,
      minima: landscape.minima.map((m, k) => ({
        name: landscape.names[k]!,
        x: m.x,
        y: m.y,
        value: m.value,
        ...(populations && kT !== null
          ? { population: { kT, exact: populations[k].exact, harmonic: populations[k].harmonic } }
          : {}),
      })),
      saddles: landscape.saddles.map((s) => ({
        name: s.name,
        x: s.saddle.x,
        y: s.saddle.y,
        value: s.saddle.value,
        joins: s.joins,
        barriers: s.barriers,
      })),
    }
  },
  table(result) {
    const r = result as BasinsOutput
    const minima = renderTable(
      ['minimum', 'name', 'x', 'y', 'U', ...(r.kT !== null ? [`P exact (kT=${r.kT})`, 'P harmonic'] : [])],
      r.minima.map((m, k) => [
        String(k),
        m.name,
        formatNumber(m.x),
        formatNumber(m.y),
        formatNumber(m.value),
        ...(m.population ? [formatNumber(m.population.exact, 4), formatNumber(m.population.harmonic, 4)] : []),
      ]),
    )
    const saddles = renderTable(
      ['saddle', 'name', 'x', 'y', 'U', 'joins', 'barriers'],
      r.saddles.map((s, k) => [
        String(k),
        s.name,
        formatNumber(s.x),
        formatNumber(s.y),
        formatNumber(s.value),
        `${r.minima[s.joins[0]]?.name ?? s.joins[0]} - ${r.minima[s.joins[1]]?.name ?? s.joins[1]}`,
        `${formatNumber(s.barriers[0], 4)} / ${formatNumber(s.barriers[1], 4)}`,
      ]),
    )
    return `${minima}\n\n${saddles}`
  },
}

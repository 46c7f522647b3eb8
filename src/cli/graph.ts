import type { SystemDescriptor } from '../core/systems/descriptor'
import { atomLayoutOf, graphLines, type GraphLines } from '../core/systems/draw'
import {
  buildLandscapeGraph,
  type ConnectionAttempt,
  type DisconnectivityGraph,
  type GraphBarrier,
} from '../core/systems/graph'
import { minimaXyz } from '../core/systems/xyz'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { parseInteger } from './run-options'
import { asUsage, SYSTEM_HELP, SYSTEM_OPTIONS, systemOption, writeXyzFile, XYZ_OPTION } from './system-options'
import type { Command } from './usage'

interface GraphOutput {
  version: string
  system: string
  starts: number
  seed: number
  maxMinima: number
  failedQuenches: number
  /** Lowest first; id is the index used by saddles and barriers. */
  minima: { id: number; energy: number; count: number; known: string | null }[]
  /** Index-1 saddles, each joining the minima `from` and `to`. */
  saddles: { id: number; energy: number; from: number; to: number; index: number; lowestEigenvalue: number }[]
  /** For every pair of connected minima, the highest saddle on the lowest path between them. */
  barriers: GraphBarrier[]
  attempts: ConnectionAttempt[]
  /** The disconnectivity graph: levels, superbasin nodes, and its drawing as line segments. */
  graph: Pick<DisconnectivityGraph, 'levels' | 'levelSpacing' | 'nodes' | 'roots'> & {
    leaves: { id: number; x: number; mergeLevel: number | null }[]
    lines: Pick<GraphLines, 'x' | 'y' | 'range'>
  }
  xyz: string | null
}

/** A known minimum's name when an energy matches it (to 1e-4). */
function knownName(descriptor: SystemDescriptor, energy: number): string | null {
  return descriptor.minima.find((m) => Math.abs(m.energy - energy) < 1e-4)?.name ?? null
}

export const graphCommand: Command = {
  name: 'graph',
  summary: "a system's minima, the saddles between them and its disconnectivity graph",
  usage:
    'landscape graph (--system ID | --sequence AB...) [--starts N] [--seed S] [--max-minima M] [--xyz FILE] [--json]',
  help: [
    'Quenches N seeded random starts into a catalogue of minima, looks for a transition state',
    'between every pair of the M lowest (nudged elastic band with a climbing image, refined to an',
    'index-1 saddle), and builds the disconnectivity graph (Becker & Karplus 1997): minima, saddles',
    'with the minima they join, the barrier between every pair, and the graph as nodes and lines.',
    'LJ7-2D takes about a second, LJ13 with --starts 50 --max-minima 4 about as long; LJ38 and the',
    'chains (BLN-46 above all) take minutes: start them with few starts and minima.',
    ...SYSTEM_HELP,
    '  --starts N              random starts to quench (default 200)',
    '  --seed S                the seed (a whole number; default 1)',
    '  --max-minima M          connect every pair of the M lowest minima (default 8)',
    '  --xyz FILE              write the minima, one XYZ frame each, lowest first',
  ],
  options: {
    ...SYSTEM_OPTIONS,
    ...XYZ_OPTION,
    starts: { type: 'string' },
    seed: { type: 'string' },
    'max-minima': { type: 'string' },
  },
  run(values): GraphOutput {
    const descriptor = systemOption(values)
    const starts = parseInteger(values.starts as string | undefined, '--starts', 1, 100_000, 200)
    const seed = parseInteger(values.seed as string | undefined, '--seed', 0, Number.MAX_SAFE_INTEGER, 1)
    const maxMinima = parseInteger(values['max-minima'] as string | undefined, '--max-minima', 1, 64, 8)
    // A chain of turning angles holds no positions: its layout places the beads (draw.ts).
    const layout = descriptor.atoms === null ? asUsage(() => atomLayoutOf(descriptor), '--system') : undefined
    const land = asUsage(() => buildLandscapeGraph(descriptor, { starts, seed, maxMinima, layout }), '--system')
    const xyz = values.xyz as string | undefined
    if (xyz !== undefined)
      writeXyzFile(
        xyz,
        minimaXyz(
          descriptor,
          land.minima.map((m) => ({ q: Float64Array.from(m.q), energy: m.energy, id: m.id, hits: m.count })),
        ),
      )
    const g = land.graph
    const lines = graphLines(g)
    return {
      version: VERSION,
      system: descriptor.id,
      starts,
      seed,
      maxMinima,
      failedQuenches: land.failedQuenches,
      minima: land.minima.map((m) => ({
        id: m.id,
        energy: m.energy,
        count: m.count,
        known: knownName(descriptor, m.energy),
      })),
      saddles: land.saddles.map((s, id) => ({
        id,
        energy: s.energy,
        from: s.from,
        to: s.to,
        index: s.index,
        lowestEigenvalue: s.lowestEigenvalue,
      })),
      barriers: g.barriers,
      attempts: land.attempts,
      graph: {
        levels: g.levels,
        levelSpacing: g.levelSpacing,
        nodes: g.nodes,
        roots: g.roots,
        leaves: g.minima.map((m) => ({ id: m.id, x: m.x, mergeLevel: m.mergeLevel })),
        lines: { x: lines.x, y: lines.y, range: lines.range },
      },
      xyz: xyz ?? null,
    }
  },
  table(result) {
    const r = result as GraphOutput
    const e = (v: number) => formatNumber(v, 8)
    return [
      `${r.system}: ${r.minima.length} minima from ${r.starts} random starts (seed ${r.seed}), ` +
        `${r.saddles.length} transition states`,
      '',
      renderTable(
        ['minimum', 'energy', 'found', 'known as'],
        r.minima.map((m) => [String(m.id), e(m.energy), String(m.count), m.known ?? '-']),
      ),
      '',
      r.saddles.length === 0
        ? 'no transition state joins two of these minima'
        : renderTable(
            ['saddle', 'energy', 'joins', 'lowest eigenvalue'],
            r.saddles.map((s) => [
              String(s.id),
              e(s.energy),
              `${s.from} - ${s.to}`,
              formatNumber(s.lowestEigenvalue, 4),
            ]),
          ),
      ...(r.barriers.length === 0
        ? []
        : [
            '',
            renderTable(
              ['pair', 'highest saddle on the best path', 'barrier from a', 'barrier from b'],
              r.barriers.map((b) => [`${b.a} - ${b.b}`, e(b.saddleEnergy), e(b.fromA), e(b.fromB)]),
            ),
          ]),
      ...(r.xyz ? ['', `minima written to ${r.xyz}`] : []),
      'use --json for the disconnectivity graph (levels, nodes and lines)',
    ].join('\n')
  },
}

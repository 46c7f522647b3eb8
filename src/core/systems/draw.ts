import type { AbChainSystem } from './ab-2d'
import { moleculeKind } from './cvs'
import type { SystemDescriptor } from './descriptor'
import type { DisconnectivityGraph } from './graph'
import type { AtomLayout } from './identity'

/**
 * What a molecule view needs beyond positions: which atoms are bonded, what kind of bead each
 * is, and how a disconnectivity graph is drawn as line segments. Plain data, no plotting.
 */

/**
 * How a system's state holds atoms, for fingerprints and catalogues: a cluster's and a BLN
 * chain's state is its positions; an AB chain's turning angles give its bead positions through
 * the model's own placement.
 */
export function atomLayoutOf(descriptor: SystemDescriptor): AtomLayout {
  const kind = moleculeKind(descriptor)
  if (kind.kind === 'lj') return { atoms: kind.atoms, perAtom: kind.perAtom }
  const n = kind.sequence.length
  if (kind.kind === 'bln') return { atoms: n, perAtom: 3 }
  const chain = descriptor.system() as AbChainSystem
  return { atoms: n, perAtom: 2, positions: (q, out) => chain.positions(q, out) }
}

/** Drawing facts of a system: planar or not, the bead letters of a chain, and its bonds. */
export interface MoleculeShape {
  readonly atoms: number
  /** The atoms lie in a plane (z = 0 in the positions of positionsOf). */
  readonly planar: boolean
  /** The bead letter of each atom ('A', 'B'; 'B', 'L', 'N'), or null for a cluster of one kind. */
  readonly beads: string | null
  /** Bonded pairs [i, j]: a chain's consecutive beads; none for a cluster (see contacts). */
  readonly bonds: readonly (readonly [number, number])[]
}

export function moleculeShape(descriptor: SystemDescriptor): MoleculeShape {
  const kind = moleculeKind(descriptor)
  if (kind.kind === 'lj') return { atoms: kind.atoms, planar: kind.perAtom === 2, beads: null, bonds: [] }
  const n = kind.sequence.length
  const bonds = Array.from({ length: n - 1 }, (_, i) => [i, i + 1] as const)
  return { atoms: n, planar: kind.kind === 'ab', beads: kind.sequence, bonds }
}

/**
 * A cluster's nearest-neighbour contacts: pairs closer than `cutoff` (positions 3 per atom).
 * 1.35 sigma lies between the first (2^(1/6) = 1.12) and second (about 1.6 to 2) neighbour
 * shells of a Lennard-Jones cluster, so the contacts outline its close-packed triangles.
 */
export function contacts(positions: ArrayLike<number>, atoms: number, cutoff = 1.35): [number, number][] {
  const out: [number, number][] = []
  const c2 = cutoff * cutoff
  for (let i = 0; i < atoms; i++)
    for (let j = i + 1; j < atoms; j++) {
      const dx = positions[3 * i]! - positions[3 * j]!
      const dy = positions[3 * i + 1]! - positions[3 * j + 1]!
      const dz = positions[3 * i + 2]! - positions[3 * j + 2]!
      if (dx * dx + dy * dy + dz * dz < c2) out.push([i, j])
    }
  return out
}

/** Line segments as one polyline with gaps: x, y, z with null between segments (plotly draws them as one trace). */
export interface Segments {
  x: (number | null)[]
  y: (number | null)[]
  z: (number | null)[]
}

/** The segments joining each pair of atoms, from positions 3 per atom. */
export function pairSegments(positions: ArrayLike<number>, pairs: readonly (readonly [number, number])[]): Segments {
  const s: Segments = { x: [], y: [], z: [] }
  for (const [i, j] of pairs) {
    s.x.push(positions[3 * i]!, positions[3 * j]!, null)
    s.y.push(positions[3 * i + 1]!, positions[3 * j + 1]!, null)
    s.z.push(positions[3 * i + 2]!, positions[3 * j + 2]!, null)
  }
  return s
}

/** A disconnectivity graph as line segments (x, energy) with gaps, and where each minimum's branch ends. */
export interface GraphLines {
  x: (number | null)[]
  y: (number | null)[]
  /** Each minimum's foot: x, energy, id (for labels and hover). */
  leaves: { x: number; energy: number; id: number }[]
  /** The energy range drawn: the lowest minimum to a little above the top level. */
  range: [number, number]
}

/**
 * The lines of a disconnectivity graph (Becker & Karplus 1997, drawn as in Wales's disconnectionDPS):
 * each minimum a vertical line from its energy up to the first level above it, where its superbasin
 * begins; each superbasin joined to the one containing it at the next level up by a line from
 * (x, level) to (parent x, next level), so branches meet where basins merge; each top-level basin
 * goes on up for half a level.
 */
export function graphLines(graph: DisconnectivityGraph): GraphLines {
  const x: (number | null)[] = []
  const y: (number | null)[] = []
  const segment = (x0: number, y0: number, x1: number, y1: number) => x.push(x0, x1, null) && y.push(y0, y1, null)
  const firstNode = new Map<number, { x: number; energy: number }>()
  for (const v of graph.nodes)
    for (const m of v.members) {
      const known = firstNode.get(m)
      if (known === undefined || v.energy < known.energy) firstNode.set(m, { x: v.x, energy: v.energy })
    }
  for (const m of graph.minima) {
    const top = firstNode.get(m.id)
    if (top !== undefined) segment(m.x, m.energy, top.x, top.energy)
  }
  for (const v of graph.nodes) {
    if (v.parent !== null) {
      const p = graph.nodes[v.parent]!
      segment(v.x, v.energy, p.x, p.energy)
    } else segment(v.x, v.energy, v.x, v.energy + graph.levelSpacing / 2)
  }
  const lowest = Math.min(...graph.minima.map((m) => m.energy))
  const highest = Math.max(lowest, ...graph.levels) + graph.levelSpacing / 2
  const pad = 0.05 * (highest - lowest || 1)
  return {
    x,
    y,
    leaves: graph.minima.map((m) => ({ x: m.x, energy: m.energy, id: m.id })),
    range: [lowest - pad, highest + pad],
  }
}

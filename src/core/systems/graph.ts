import { RandomStream } from '../random'
import { MinimaCatalogue, scatterAtoms } from './catalogue'
import type { SystemDescriptor } from './descriptor'
import { fingerprint, sameMinimum, type AtomLayout, type Fingerprint } from './identity'
import { connectMinima, type ConnectOptions } from './neb'

/**
 * The disconnectivity graph of a set of minima and the transition states between them (Becker &
 * Karplus, J. Chem. Phys. 106, 1495, 1997; Wales, Miller & Walsh, Nature 394, 758, 1998). At each
 * energy level E_k = E_0 + k dE, the minima below the level that are joined by transition states
 * below it form one superbasin; going up, superbasins merge, and the merges make a tree. It is
 * built here by union-find over the transition states taken in order of energy (Kruskal's
 * algorithm): the same pass gives, for every pair of minima, the lowest barrier between them, the
 * highest transition state on the best path (the minimax path).
 *
 * Everything returned is plain data (numbers, arrays, null), for a view to draw and a command
 * line to print as JSON.
 */

export interface GraphMinimumInput {
  readonly energy: number
  /** How many quenches found it, if known. */
  readonly count?: number
}

export interface GraphSaddleInput {
  readonly energy: number
  /** The two minima it joins, as indices into the list of minima. */
  readonly from: number
  readonly to: number
  /** Its Hessian index (negative eigenvalues); 1 for a transition state, the default. */
  readonly index?: number
}

export interface GraphMinimum {
  /** Its index in the input list. */
  readonly id: number
  readonly energy: number
  readonly count?: number
  /** Its horizontal position in the drawing: 0 .. (number of minima - 1), leaves ordered so no branches cross. */
  readonly x: number
  /** The lowest level at which its superbasin holds another minimum, or null if it never does. */
  readonly mergeLevel: number | null
}

export interface GraphSaddle {
  readonly id: number
  readonly energy: number
  readonly from: number
  readonly to: number
  readonly index: number
}

/** The lowest barrier between two minima: the highest transition state on the best path between them. */
export interface GraphBarrier {
  readonly a: number
  readonly b: number
  /** The energy of that transition state. */
  readonly saddleEnergy: number
  /** saddleEnergy - E_a and saddleEnergy - E_b. */
  readonly fromA: number
  readonly fromB: number
}

/** A superbasin at one level: the minima below the level joined below it. */
export interface GraphNode {
  readonly id: number
  /** The level's index k (energy E_0 + k dE, k >= 1). */
  readonly level: number
  readonly energy: number
  /** Minimum ids, lowest energy first. */
  readonly members: number[]
  /** The node one level up that contains this one, or null at the top. */
  readonly parent: number | null
  readonly children: number[]
  /** The mean x of its members' branches: where its vertical line is drawn. */
  readonly x: number
}

export interface DisconnectivityGraph {
  readonly minima: GraphMinimum[]
  readonly saddles: GraphSaddle[]
  readonly barriers: GraphBarrier[]
  /** The energies of the levels, ascending; levels[k - 1] is level k. */
  readonly levels: number[]
  readonly levelSpacing: number
  readonly nodes: GraphNode[]
  /** The nodes of the top level: one per set of minima that no transition state joins. */
  readonly roots: number[]
}

export interface GraphOptions {
  /** The spacing dE of the levels. Default: the range from the lowest minimum to the highest point, over `levels`. */
  readonly levelSpacing?: number
  /** How many levels, when the spacing is not given. Default 10. */
  readonly levels?: number
}

class UnionFind {
  private readonly parent: Int32Array
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i)
  }
  find(i: number): number {
    let r = i
    while (this.parent[r] !== r) r = this.parent[r]!
    while (this.parent[i] !== r) {
      const next = this.parent[i]!
      this.parent[i] = r
      i = next
    }
    return r
  }
  union(a: number, b: number): boolean {
    const ra = this.find(a)
    const rb = this.find(b)
    if (ra === rb) return false
    // The lower index stays the root: components are named by their first member.
    if (ra < rb) this.parent[rb] = ra
    else this.parent[ra] = rb
    return true
  }
}

/** Builds the disconnectivity graph of `minima` and the transition states `saddles` between them. */
export function disconnectivityGraph(
  minima: readonly GraphMinimumInput[],
  saddles: readonly GraphSaddleInput[],
  options: GraphOptions = {},
): DisconnectivityGraph {
  const n = minima.length
  if (n === 0) throw new RangeError('disconnectivityGraph: no minima')
  saddles.forEach((s, i) => {
    if (!(Number.isInteger(s.from) && Number.isInteger(s.to) && s.from >= 0 && s.to >= 0 && s.from < n && s.to < n))
      throw new RangeError(`disconnectivityGraph: saddle ${i} joins minima ${s.from} and ${s.to}, not in 0..${n - 1}`)
    if (s.from === s.to) throw new RangeError(`disconnectivityGraph: saddle ${i} joins minimum ${s.from} to itself`)
  })
  const energy = (i: number) => minima[i]!.energy
  const order = saddles.map((_, i) => i).sort((i, j) => saddles[i]!.energy - saddles[j]!.energy || i - j)

  // Barriers: Kruskal over the saddles, lowest first; each merge fixes the minimax saddle of the pairs it joins.
  const barriers: GraphBarrier[] = []
  {
    const uf = new UnionFind(n)
    const members = Array.from({ length: n }, (_, i) => [i])
    for (const si of order) {
      const s = saddles[si]!
      const ra = uf.find(s.from)
      const rb = uf.find(s.to)
      if (ra === rb) continue
      for (const a of members[ra]!)
        for (const b of members[rb]!) {
          const [x, y] = a < b ? [a, b] : [b, a]
          barriers.push({
            a: x,
            b: y,
            saddleEnergy: s.energy,
            fromA: s.energy - energy(x),
            fromB: s.energy - energy(y),
          })
        }
      uf.union(ra, rb)
      const root = uf.find(ra)
      members[root] = [...members[ra]!, ...members[rb]!]
    }
    barriers.sort((p, q) => p.a - q.a || p.b - q.b)
  }

  // Levels E_0 + k dE, k = 1..K, the top one above every minimum and saddle.
  let e0 = Infinity
  let top = -Infinity
  for (const m of minima) {
    e0 = Math.min(e0, m.energy)
    top = Math.max(top, m.energy)
  }
  for (const s of saddles) top = Math.max(top, s.energy)
  const range = top - e0
  const count = options.levels ?? 10
  const spacing = options.levelSpacing ?? (range > 0 ? range / (count - 0.5) : 1)
  if (!(spacing > 0)) throw new RangeError(`disconnectivityGraph: level spacing ${spacing} is not positive`)
  const levelCount = Math.floor(range / spacing) + 1
  const levels = Array.from({ length: levelCount }, (_, k) => e0 + (k + 1) * spacing)

  // Superbasins level by level, bottom up.
  const nodes: {
    id: number
    level: number
    energy: number
    members: number[]
    parent: number | null
    children: number[]
    x: number
  }[] = []
  let below = new Map<number, number>() // minimum id -> node id at the level below
  const uf = new UnionFind(n)
  let next = 0
  for (let k = 1; k <= levelCount; k++) {
    const level = levels[k - 1]!
    while (next < order.length && saddles[order[next]!]!.energy < level) {
      const s = saddles[order[next]!]!
      uf.union(s.from, s.to)
      next++
    }
    const groups = new Map<number, number[]>()
    for (let i = 0; i < n; i++) {
      if (!(energy(i) < level)) continue
      const r = uf.find(i)
      const g = groups.get(r)
      if (g === undefined) groups.set(r, [i])
      else g.push(i)
    }
    const here = new Map<number, number>()
    for (const group of groups.values()) {
      group.sort((a, b) => energy(a) - energy(b) || a - b)
      const id = nodes.length
      const children = [...new Set(group.filter((i) => below.has(i)).map((i) => below.get(i)!))]
      nodes.push({ id, level: k, energy: level, members: group, parent: null, children, x: 0 })
      for (const c of children) nodes[c]!.parent = id
      for (const i of group) here.set(i, id)
    }
    below = here
  }
  const roots = nodes.filter((v) => v.level === levelCount).map((v) => v.id)

  // Leaves in drawing order: depth first, each node's branches (child nodes, and minima that first
  // appear at its level) ordered by their lowest energy, so every superbasin is a contiguous run.
  const lowest = (v: (typeof nodes)[number]) => energy(v.members[0]!)
  const leafOrder: number[] = []
  const place = (v: (typeof nodes)[number]) => {
    const inChildren = new Set(v.children.flatMap((c) => nodes[c]!.members))
    const branches: { e: number; run: () => void }[] = v.children.map((c) => ({
      e: lowest(nodes[c]!),
      run: () => place(nodes[c]!),
    }))
    for (const i of v.members) if (!inChildren.has(i)) branches.push({ e: energy(i), run: () => leafOrder.push(i) })
    branches.sort((a, b) => a.e - b.e)
    for (const b of branches) b.run()
  }
  for (const r of [...roots].sort((a, b) => lowest(nodes[a]!) - lowest(nodes[b]!))) place(nodes[r]!)
  // Minima above the top level cannot exist (the top level is above all); every minimum is placed.
  const xOf = new Float64Array(n)
  leafOrder.forEach((i, k) => (xOf[i] = k))
  for (const v of nodes) {
    let s = 0
    for (const i of v.members) s += xOf[i]!
    v.x = s / v.members.length
  }

  const mergeLevel = new Array<number | null>(n).fill(null)
  for (const v of nodes)
    if (v.members.length > 1)
      for (const i of v.members) if (mergeLevel[i] === null || v.energy < mergeLevel[i]!) mergeLevel[i] = v.energy

  return {
    minima: minima.map((m, i) => ({
      id: i,
      energy: m.energy,
      ...(m.count === undefined ? {} : { count: m.count }),
      x: xOf[i]!,
      mergeLevel: mergeLevel[i]!,
    })),
    saddles: saddles.map((s, i) => ({ id: i, energy: s.energy, from: s.from, to: s.to, index: s.index ?? 1 })),
    barriers,
    levels,
    levelSpacing: spacing,
    nodes,
    roots,
  }
}

/** A transition state the pipeline found, with its geometry. */
export interface LandscapeSaddle {
  readonly energy: number
  readonly from: number
  readonly to: number
  readonly index: number
  readonly lowestEigenvalue: number
  readonly gradientNorm: number
  readonly q: number[]
}

/** One attempt to connect two minima. */
export interface ConnectionAttempt {
  readonly from: number
  readonly to: number
  /** Whether a transition state joining exactly these two was found. */
  readonly found: boolean
  /** The energy of the saddle the band's climbing image refined to, and the minima it descends to. */
  readonly saddleEnergy: number
  readonly saddleIndex: number
  readonly descendsTo: [number | null, number | null]
}

export interface LandscapeGraph {
  readonly system: string
  readonly starts: number
  readonly seed: number
  readonly failedQuenches: number
  readonly minima: { readonly id: number; readonly energy: number; readonly count: number; readonly q: number[] }[]
  readonly saddles: LandscapeSaddle[]
  readonly attempts: ConnectionAttempt[]
  readonly graph: DisconnectivityGraph
}

export interface LandscapeOptions {
  /** Random starts to quench. Default 200. */
  readonly starts?: number
  /** Seed of the random starts. Default 1. */
  readonly seed?: number
  /**
   * How the state holds atoms. Default: the descriptor's own layout where it gives one, else the
   * Lennard-Jones clusters' (lj7-2d, lj13, lj38).
   */
  readonly layout?: AtomLayout
  /**
   * Writes a random start into out. Default for a cluster: atoms uniform in a disc or ball of
   * radius 1.5 (N/7)^(1/d) and at least 0.8 apart; else the descriptor's own random state.
   */
  readonly randomStart?: (rng: RandomStream, out: Float64Array) => void
  /** Connect every pair among at most this many of the lowest minima. Default 8. */
  readonly maxMinima?: number
  readonly connect?: ConnectOptions
  readonly graph?: GraphOptions
}

/** The cluster layouts of the Lennard-Jones systems. */
const CLUSTERS: Readonly<Record<string, AtomLayout>> = {
  'lj7-2d': { atoms: 7, perAtom: 2 },
  lj13: { atoms: 13, perAtom: 3 },
  lj38: { atoms: 38, perAtom: 3 },
}

/** The parts of a descriptor that say how its state holds atoms and how to draw a random state, where it has them. */
interface WithAtoms {
  readonly atoms?: { readonly count: number; readonly perAtom: 2 | 3 } | null
  readonly randomState?: (uniform: () => number, out: Float64Array) => void
}

/**
 * The landscape of a system from scratch: quench seeded random starts into a catalogue of
 * minima, look for a transition state between every pair of the lowest minima (CI-NEB, then
 * eigenvector following, then a descent either way), keep the index-1 saddles whose two descents
 * are that pair, and build the disconnectivity graph. Minimum ids are catalogue order: 0 is the lowest.
 */
export function buildLandscapeGraph(descriptor: SystemDescriptor, options: LandscapeOptions = {}): LandscapeGraph {
  const starts = options.starts ?? 200
  const seed = options.seed ?? 1
  const own = descriptor as unknown as WithAtoms
  const layout: AtomLayout | undefined =
    options.layout ??
    (own.atoms ? { atoms: own.atoms.count, perAtom: own.atoms.perAtom } : undefined) ??
    CLUSTERS[descriptor.id]
  if (layout === undefined)
    throw new RangeError(`buildLandscapeGraph: '${descriptor.id}' needs a layout (its atoms and their positions)`)
  const system = descriptor.system()
  let randomStart = options.randomStart
  // A chain draws its own random states (grown clear of itself); atoms scattered in a ball would
  // break its bonds and leave quenches little hope.
  if (randomStart === undefined && CLUSTERS[descriptor.id] === undefined && own.randomState !== undefined) {
    const draw = own.randomState
    randomStart = (rng, out) => draw(() => rng.uniform(), out)
  }
  if (randomStart === undefined && layout.positions === undefined) {
    const radius = 1.5 * (layout.atoms / 7) ** (1 / layout.perAtom)
    randomStart = (rng, out) => out.set(scatterAtoms(rng, layout.atoms, layout.perAtom, radius, 0.8))
  }
  if (randomStart === undefined && own.randomState !== undefined) {
    const draw = own.randomState
    randomStart = (rng, out) => draw(() => rng.uniform(), out)
  }
  if (randomStart === undefined) throw new RangeError(`buildLandscapeGraph: '${descriptor.id}' needs randomStart`)

  // Relabelling and mirroring suit the LJ clusters; other bead models in space are superposed rigidly.
  const connect: ConnectOptions = {
    alignment: layout.positions !== undefined ? 'none' : CLUSTERS[descriptor.id] ? 'cluster' : 'rigid',
    ...options.connect,
  }
  const catalogue = new MinimaCatalogue(system, layout)
  const rng = new RandomStream(seed)
  const q = new Float64Array(system.dim)
  for (let k = 0; k < starts; k++) {
    randomStart(rng, q)
    catalogue.add(q)
  }
  const entries = catalogue.entries.slice(0, options.maxMinima ?? 8)
  const prints = entries.map((e) => e.fingerprint)
  const which = (f: Fingerprint): number | null => {
    const i = prints.findIndex((p) => sameMinimum(p, f))
    return i < 0 ? null : i
  }

  const saddles: LandscapeSaddle[] = []
  const saddlePrints: Fingerprint[] = []
  const attempts: ConnectionAttempt[] = []
  for (let a = 0; a < entries.length; a++)
    for (let b = a + 1; b < entries.length; b++) {
      const c = connectMinima(system, entries[a]!.q, entries[b]!.q, layout, connect)
      attempts.push({
        from: a,
        to: b,
        found: c.connects,
        saddleEnergy: c.saddle.energy,
        saddleIndex: c.saddle.index,
        descendsTo: [which(c.fingerprints[0]), which(c.fingerprints[1])],
      })
      if (!c.connects) continue
      const print = fingerprint(c.saddle.q, c.saddle.energy, layout)
      if (saddlePrints.some((p) => sameMinimum(p, print))) continue
      saddlePrints.push(print)
      saddles.push({
        energy: c.saddle.energy,
        from: a,
        to: b,
        index: c.saddle.index,
        lowestEigenvalue: c.saddle.lowestEigenvalue,
        gradientNorm: c.saddle.gradientNorm,
        q: Array.from(c.saddle.q),
      })
    }

  const graph = disconnectivityGraph(
    entries.map((e) => ({ energy: e.energy, count: e.hits })),
    saddles,
    options.graph,
  )
  return {
    system: descriptor.id,
    starts,
    seed,
    failedQuenches: catalogue.failed,
    minima: entries.map((e, i) => ({ id: i, energy: e.energy, count: e.hits, q: Array.from(e.q) })),
    saddles,
    attempts,
    graph,
  }
}

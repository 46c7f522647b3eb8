import { portableMath as pm } from '../portable-math'
import type { System } from '../system'
import type { KnownMinimum, SystemDescriptor } from './descriptor'

/**
 * The two-dimensional off-lattice AB model of Stillinger, Head-Gordon & Hirshfeld
 * (Phys. Rev. E 48, 1469, 1993): a chain of N beads, hydrophobic A or hydrophilic B, joined
 * by bonds of unit length in a plane,
 *
 *   E = sum_{i=2}^{N-1} (1 - cos theta_i) / 4 + sum_{j >= i+2} 4 (r_ij^-12 - C_ij r_ij^-6),
 *
 * theta_i the turning angle at bead i (0 for a straight chain), C(A,A) = 1, C(B,B) = 1/2,
 * C(A,B) = -1/2, that is C = (1 + xi_i + xi_j + 5 xi_i xi_j) / 8 with xi_A = 1, xi_B = -1.
 *
 * Coordinates: the N - 2 turning angles, the model's own variables in the 1993 paper (the
 * best known energies are those of Hsu, Mehra & Grassberger, PRE 68, 037703, 2003; the S13
 * ground state below is a list of angles). In angles the bonds are exactly unit length, so no
 * stiff bond spring or constraint solver is needed, and overall translation and rotation are
 * removed (bead 0 at the origin, bond 0 along x): every coordinate is a real degree of freedom.
 */

/** Shortest and longest sequence the parser accepts: one turning angle at least; a chain a page can draw. */
export const AB_MIN_LENGTH = 3
export const AB_MAX_LENGTH = 200

/** An error in a typed AB sequence; `position` is 1-based in the text as typed, or null for a length error. */
export class AbSequenceError extends Error {
  constructor(
    message: string,
    readonly position: number | null,
  ) {
    super(message)
    this.name = 'AbSequenceError'
  }
}

/**
 * Reads a sequence of A and B as a user types it: letters in either case, spaces, commas and
 * hyphens between them ignored. Throws AbSequenceError naming the first bad character and its
 * 1-based position, or the length limits. Returns the sequence in capitals, without separators.
 */
export function parseAbSequence(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (c === 'A' || c === 'a') out += 'A'
    else if (c === 'B' || c === 'b') out += 'B'
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === ',' || c === '-') continue
    else {
      throw new AbSequenceError(
        `character ${i + 1} of the sequence is '${c}': only A (hydrophobic) and B (hydrophilic) are allowed`,
        i + 1,
      )
    }
  }
  if (out.length < AB_MIN_LENGTH)
    throw new AbSequenceError(
      `the sequence has ${out.length} residue${out.length === 1 ? '' : 's'}; it needs at least ${AB_MIN_LENGTH}`,
      null,
    )
  if (out.length > AB_MAX_LENGTH)
    throw new AbSequenceError(`the sequence has ${out.length} residues; at most ${AB_MAX_LENGTH} are allowed`, null)
  return out
}

/** The Fibonacci sequence S_k: S0 = A, S1 = B, S_k = S_{k-2} S_{k-1} (Stillinger et al. 1993). */
export function fibonacciSequence(k: number): string {
  if (!Number.isInteger(k) || k < 0 || k > 12) throw new RangeError(`fibonacciSequence: k must be 0..12, not ${k}`)
  let a = 'A'
  let b = 'B'
  if (k === 0) return a
  for (let i = 1; i < k; i++) {
    const c = a + b
    a = b
    b = c
  }
  return b
}

/** The Fibonacci chains of 13, 21 and 34 residues. */
export const FIBONACCI_13 = fibonacciSequence(6)
export const FIBONACCI_21 = fibonacciSequence(7)
export const FIBONACCI_34 = fibonacciSequence(8)

/** The AB model of one sequence as a System of N - 2 turning angles; also writes bead positions. */
export interface AbChainSystem extends System {
  readonly sequence: string
  /** Writes the N bead positions of state q into out as x0, y0, x1, y1, ... (bead 0 at the origin). */
  positions(q: Float64Array, out: Float64Array): void
}

/** A System for the AB chain of `sequence` (already parsed). Scratch arrays are owned by the system. */
export function abChainSystem(sequence: string): AbChainSystem {
  const seq = parseAbSequence(sequence)
  const n = seq.length
  const dim = n - 2
  const xi = new Float64Array(n)
  for (let i = 0; i < n; i++) xi[i] = seq[i] === 'A' ? 1 : -1
  // C_ij for every non-bonded pair, row-major over i < j.
  const c = new Float64Array(n * n)
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c[i * n + j] = (1 + xi[i]! + xi[j]! + 5 * xi[i]! * xi[j]!) / 8
  const x = new Float64Array(n)
  const y = new Float64Array(n)
  const gx = new Float64Array(n)
  const gy = new Float64Array(n)

  function place(q: Float64Array): void {
    // Bond k joins bead k to bead k+1; its direction turns by theta at bead k (k >= 1).
    let phi = 0
    x[0] = 0
    y[0] = 0
    x[1] = 1
    y[1] = 0
    for (let k = 1; k < n - 1; k++) {
      phi += q[k - 1]!
      x[k + 1] = x[k]! + pm.cos(phi)
      y[k + 1] = y[k]! + pm.sin(phi)
    }
  }

  function evaluate(q: Float64Array, g: Float64Array | null): number {
    place(q)
    let e = 0
    for (let k = 0; k < dim; k++) e += (1 - pm.cos(q[k]!)) / 4
    if (g) {
      gx.fill(0)
      gy.fill(0)
    }
    for (let i = 0; i < n - 2; i++) {
      const xi0 = x[i]!
      const yi0 = y[i]!
      const row = i * n
      for (let j = i + 2; j < n; j++) {
        const dx = xi0 - x[j]!
        const dy = yi0 - y[j]!
        const ir2 = 1 / (dx * dx + dy * dy)
        const ir6 = ir2 * ir2 * ir2
        const cij = c[row + j]!
        e += 4 * (ir6 * ir6 - cij * ir6)
        if (g) {
          // (dV/dr) / r
          const f = (-48 * ir6 * ir6 + 24 * cij * ir6) * ir2
          gx[i] = gx[i]! + f * dx
          gy[i] = gy[i]! + f * dy
          gx[j] = gx[j]! - f * dx
          gy[j] = gy[j]! - f * dy
        }
      }
    }
    if (g) {
      // Turning the angle at bead p rotates every bead m > p about bead p:
      // dE/dtheta = sum_{m>p} (x_m - x_p) G_my - (y_m - y_p) G_mx, from suffix sums.
      let sx = 0
      let sy = 0
      let torque = 0
      for (let p = n - 1; p >= 1; p--) {
        if (p <= n - 2) g[p - 1] = torque - x[p]! * sy + y[p]! * sx + pm.sin(q[p - 1]!) / 4
        sx += gx[p]!
        sy += gy[p]!
        torque += x[p]! * gy[p]! - y[p]! * gx[p]!
      }
    }
    return e
  }

  return {
    dim,
    sequence: seq,
    coordinate: (k) => `theta ${k + 2}`,
    energy: (q) => evaluate(q, null),
    gradient: (q, g) => evaluate(q, g),
    positions(q, out) {
      place(q)
      for (let i = 0; i < n; i++) {
        out[2 * i] = x[i]!
        out[2 * i + 1] = y[i]!
      }
    },
  }
}

const HSU = 'Hsu, Mehra & Grassberger, PRE 68, 037703 (2003)'

/**
 * A ground state of S13 in turning angles (radians); local minimisation from it gives
 * -3.294078 (lit. -3.2941, Hsu, Mehra & Grassberger 2003).
 */
export const AB13_GROUND_STATE_ANGLES: readonly number[] = [
  -1.491, -1.5, 0.869, -1.48, -1.519, 1.466, -1.953, 1.449, -1.517, -1.483, 1.042,
]

const NOTE =
  'A toy protein in a plane: beads of two kinds, A (hydrophobic) and B (hydrophilic), joined by rigid bonds ' +
  'of unit length. The coordinates are the turning angles at the inner beads; bending costs a little, ' +
  'A-A pairs attract strongly, B-B pairs weakly, and A-B pairs repel. The chain folds so that the A beads ' +
  'form a core, but many folds come close: gradient descent from a random chain stops in one of a great ' +
  'many local minima, far from the best known energy.'

/**
 * Descriptor of the AB chain of a sequence; `minima` lists the known minima of the Fibonacci
 * chains. Defaults: angles carry unit moment of inertia in these units, dt = 0.005 and
 * friction 1 as for the Lennard-Jones systems, kT = 0.1 (a tenth of the A-A well depth).
 */
/** The AB energy's two terms: the bending of the chain, and its non-bonded pairs. */
export const AB_TERMS = ['bending', 'non-bonded pairs'] as const

export function abDescriptor(
  sequence: string,
  options: { id?: string; title?: string; minima?: readonly KnownMinimum[] } = {},
): SystemDescriptor {
  const seq = parseAbSequence(sequence)
  let beads: Float64Array | undefined
  return {
    id: options.id ?? `ab-2d-${seq.toLowerCase()}`,
    title: options.title ?? `AB chain ${seq} (2D)`,
    dim: seq.length - 2,
    units: 'reduced units: energy epsilon (the A-A well depth), length the bond length, angles in radians',
    note: NOTE,
    defaults: { dt: 0.005, kT: 0.1, friction: 1 },
    minima: options.minima ?? [],
    atoms: null,
    // A chain's energies are a few epsilon in all: searches run an order of magnitude colder than
    // on clusters (basin hopping at kT 0.3, not GMIN's 1; tempering between 0.05 and 1, on a
    // ladder of 16 rungs: AB-13's ground state in 4 of 4 seeds within 300,000 steps, where 8
    // rungs found it in 0 of 4 within 100,000).
    search: {
      'basin-hopping': { kT: 0.3 },
      'parallel-tempering': { kT: 0.05, kTMax: 1, replicas: 16, walkers: 16 },
      annealing: { kT: 1, kTEnd: 0.01 },
    },
    // Grown bead by bead (Rosenbluth & Rosenbluth's chain growth): each turning angle uniform in
    // (-pi, pi), redrawn until the new bead is at least 1 from every bead before it; a chain that
    // grows into a dead end starts again. Drawing all angles at once and rejecting overlaps would
    // almost never succeed beyond 20 beads.
    randomState(uniform, out) {
      beads ??= new Float64Array(2 * seq.length)
      growAbChain(seq.length, uniform, out, beads)
    },
    system: () => abChainSystem(seq),
    terms: {
      names: AB_TERMS,
      create() {
        const chain = abChainSystem(seq)
        return (q, out) => {
          let bending = 0
          for (let k = 0; k < seq.length - 2; k++) bending += (1 - pm.cos(q[k]!)) / 4
          const e = chain.energy(q)
          out[0] = bending
          out[1] = e - bending
          return e
        }
      },
    },
  }
}

/** Tries per angle before a growing chain starts again, and restarts before the last chain is kept. */
const ANGLE_TRIES = 100
const RESTARTS = 1000
/**
 * The closest two non-bonded beads of a random chain may come: 1, where the pair term is about
 * zero. At 0.8 (a pair energy of 43) the first steps of dynamics from a random chain could fling a
 * turning angle out by a whole turn in one step.
 */
const CLEARANCE = 1

/**
 * Writes n - 2 turning angles of a random chain that does not pass through itself into out, using
 * xy (2n numbers) for the bead positions: bead 0 at the origin, bond 0 along x, as the model
 * places them.
 */
function growAbChain(n: number, uniform: () => number, out: Float64Array, xy: Float64Array): void {
  for (let restart = 0; restart < RESTARTS; restart++) {
    xy[0] = 0
    xy[1] = 0
    xy[2] = 1
    xy[3] = 0
    let phi = 0
    let grown = true
    for (let k = 1; k < n - 1 && grown; k++) {
      grown = false
      for (let t = 0; t < ANGLE_TRIES; t++) {
        const theta = Math.PI * (2 * uniform() - 1)
        const x = xy[2 * k]! + pm.cos(phi + theta)
        const y = xy[2 * k + 1]! + pm.sin(phi + theta)
        let clear = true
        for (let j = 0; j < k && clear; j++) {
          const dx = x - xy[2 * j]!
          const dy = y - xy[2 * j + 1]!
          clear = dx * dx + dy * dy >= CLEARANCE * CLEARANCE
        }
        if (!clear) continue
        out[k - 1] = theta
        phi += theta
        xy[2 * k + 2] = x
        xy[2 * k + 3] = y
        grown = true
        break
      }
    }
    if (grown) return
  }
}

export const ab13: SystemDescriptor = abDescriptor(FIBONACCI_13, {
  id: 'ab-2d-13',
  title: 'AB model, Fibonacci 13 residues (2D)',
  minima: [
    {
      name: 'best known (ground state)',
      energy: -3.294078,
      source: `${HSU}: -3.2941; -3.294078 on local minimisation from the listed ground-state angles`,
      start: () => Float64Array.from(AB13_GROUND_STATE_ANGLES),
    },
  ],
})

export const ab21: SystemDescriptor = abDescriptor(FIBONACCI_21, {
  id: 'ab-2d-21',
  title: 'AB model, Fibonacci 21 residues (2D)',
  minima: [
    {
      name: 'best known',
      energy: -6.197989,
      source: `${HSU}: -6.1980; -6.197989 on local minimisation of the best state found by basin hopping`,
      start: null,
    },
  ],
})

export const ab34: SystemDescriptor = abDescriptor(FIBONACCI_34, {
  id: 'ab-2d-34',
  title: 'AB model, Fibonacci 34 residues (2D)',
  minima: [
    {
      name: 'best known (unconfirmed)',
      energy: -10.806,
      source: `${HSU}, as commonly quoted; not reproduced here (basin hopping reached -8.14)`,
      start: null,
    },
  ],
})

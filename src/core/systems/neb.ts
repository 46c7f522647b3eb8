import type { System } from '../system'
import { modeSolver, type RigidLayout } from './hessian'
import { alignClusters, fingerprint, sameMinimum, type AtomLayout, type Fingerprint } from './identity'
import { fire, type FireOptions } from './minimise'

/**
 * Transition states between two minima of a many-coordinate system, in three steps:
 *
 * 1. A nudged elastic band with a climbing image (Henkelman, Uberuaga & Jonsson, J. Chem. Phys.
 *    113, 9901, 2000) and the improved tangent (Henkelman & Jonsson, J. Chem. Phys. 113, 9978,
 *    2000), relaxed by FIRE on all images at once, finds the highest point of a low path.
 * 2. Eigenvector following (Cerjan & Miller, J. Chem. Phys. 75, 2800, 1981; Baker, J. Comput.
 *    Chem. 7, 385, 1986) in Cartesian coordinates with the rigid-body motions projected out, the
 *    per-mode form of Wales' OPTIM (Wales, J. Chem. Soc. Faraday Trans. 89, 1305, 1993), refines
 *    that image to a first-order saddle: uphill along the lowest mode, downhill along the others,
 *    with the Hessian from central differences of the gradient.
 * 3. A small step either way along the negative mode and a FIRE quench each way give the two
 *    minima the saddle connects.
 */

export interface NebOptions {
  /** Images between the two fixed end points. Default 11. */
  readonly images?: number
  /** Spring constant k between neighbouring images (energy / length^2). Default 1. */
  readonly springConstant?: number
  /** FIRE on the band without climbing, until the band force (norm over all images) is below this. Default 0.05. */
  readonly relaxTolerance?: number
  /** Then with the climbing image, until the band force is below this. Default 1e-3. */
  readonly climbTolerance?: number
  /** Most FIRE steps in each of the two stages. Default 20000. */
  readonly maxSteps?: number
}

export interface NebResult {
  /** The images, end points included (images + 2 states; the end points as given). */
  readonly images: Float64Array[]
  readonly energies: number[]
  /** The index in `images` of the highest image: the climbing image. */
  readonly climbing: number
  /** The unit tangent at the climbing image: the direction of the path through the barrier. */
  readonly tangent: Float64Array
  readonly converged: boolean
  readonly steps: number
}

/**
 * Relaxes a band of images from `start` to `end` (both kept fixed; for clusters, align them
 * first with alignClusters so the straight line between them is short). The band starts on that
 * straight line. Each image i feels the true force across the path and the spring force along it,
 *   F_i = -grad E_i + (grad E_i . t_i) t_i + k (|R_{i+1} - R_i| - |R_i - R_{i-1}|) t_i,
 * with the tangent t_i toward the higher neighbour (the mean of both, weighted by the energy
 * differences, at an extremum of the path); the highest image, once the band is roughly relaxed,
 * climbs: F = -grad E + 2 (grad E . t) t, with no spring.
 */
export function nudgedElasticBand(
  system: System,
  start: Float64Array,
  end: Float64Array,
  options: NebOptions = {},
): NebResult {
  const d = system.dim
  const m = options.images ?? 11
  const k = options.springConstant ?? 1
  const maxSteps = options.maxSteps ?? 20000
  const band = new Float64Array(m * d)
  for (let i = 0; i < m; i++) {
    const t = (i + 1) / (m + 1)
    for (let c = 0; c < d; c++) band[i * d + c] = (1 - t) * start[c]! + t * end[c]!
  }
  const e = new Float64Array(m + 2)
  const grads = new Float64Array(m * d)
  const tangents = new Float64Array(m * d)
  const scratch = new Float64Array(d)
  const image = new Float64Array(d)
  e[0] = system.gradient(start, scratch)
  e[m + 1] = system.gradient(end, scratch)
  let climb = false
  let highest = 1
  /** Position of image j (0 .. m+1) coordinate c. */
  const at = (x: Float64Array, j: number, c: number) =>
    j === 0 ? start[c]! : j === m + 1 ? end[c]! : x[(j - 1) * d + c]!

  const bandSystem: System = {
    dim: m * d,
    coordinate: (c) => `image ${Math.floor(c / d) + 1} ${system.coordinate(c % d)}`,
    energy: () => {
      throw new Error('nudgedElasticBand: the band has forces, not one energy')
    },
    gradient(x, g) {
      for (let i = 0; i < m; i++) {
        for (let c = 0; c < d; c++) image[c] = x[i * d + c]!
        e[i + 1] = system.gradient(image, scratch)
        for (let c = 0; c < d; c++) grads[i * d + c] = scratch[c]!
      }
      highest = 1
      for (let j = 2; j <= m; j++) if (e[j]! > e[highest]!) highest = j
      for (let j = 1; j <= m; j++) {
        const ep = e[j + 1]!
        const e0 = e[j]!
        const em = e[j - 1]!
        // Improved tangent (Henkelman & Jonsson 2000, eqs. 8-11).
        let wp: number
        let wm: number
        if (ep > e0 && e0 > em) {
          wp = 1
          wm = 0
        } else if (ep < e0 && e0 < em) {
          wp = 0
          wm = 1
        } else {
          const big = Math.max(Math.abs(ep - e0), Math.abs(em - e0))
          const small = Math.min(Math.abs(ep - e0), Math.abs(em - e0))
          if (ep > em) {
            wp = big
            wm = small
          } else {
            wp = small
            wm = big
          }
        }
        let size = 0
        let lp = 0
        let lm = 0
        const o = (j - 1) * d
        for (let c = 0; c < d; c++) {
          const r = at(x, j, c)
          const dp = at(x, j + 1, c) - r
          const dm = r - at(x, j - 1, c)
          const t = wp * dp + wm * dm
          tangents[o + c] = t
          size += t * t
          lp += dp * dp
          lm += dm * dm
        }
        size = Math.sqrt(size)
        let gt = 0
        for (let c = 0; c < d; c++) {
          tangents[o + c] = size > 0 ? tangents[o + c]! / size : 0
          gt += grads[o + c]! * tangents[o + c]!
        }
        const spring = k * (Math.sqrt(lp) - Math.sqrt(lm))
        if (climb && j === highest) for (let c = 0; c < d; c++) g[o + c] = grads[o + c]! - 2 * gt * tangents[o + c]!
        else for (let c = 0; c < d; c++) g[o + c] = grads[o + c]! - (gt + spring) * tangents[o + c]!
      }
      return e[highest]!
    },
  }
  const relax = fire(bandSystem, band, { gradientTolerance: options.relaxTolerance ?? 0.05, maxSteps })
  climb = true
  const climbed = fire(bandSystem, band, { gradientTolerance: options.climbTolerance ?? 1e-3, maxSteps })
  // Leave e, highest and the tangents describing the final band.
  bandSystem.gradient(band, new Float64Array(m * d))
  const images = [Float64Array.from(start)]
  for (let i = 0; i < m; i++) images.push(band.slice(i * d, (i + 1) * d))
  images.push(Float64Array.from(end))
  return {
    images,
    energies: Array.from(e),
    climbing: highest,
    tangent: tangents.slice((highest - 1) * d, highest * d),
    converged: climbed.converged,
    steps: relax.steps + climbed.steps,
  }
}

export interface SaddleOptions {
  /** The cluster's layout, whose rigid-body modes are set aside; null when every mode counts. */
  readonly rigid?: RigidLayout | null
  /** Stop when |grad E| is below this. Default 1e-8. */
  readonly gradientTolerance?: number
  /** Most eigenvector-following steps. Default 200. */
  readonly maxSteps?: number
  /** Largest step along any one mode. Default 0.1. */
  readonly maxModeStep?: number
}

/** A stationary point and its normal-mode summary. */
export interface SaddlePoint {
  readonly q: Float64Array
  readonly energy: number
  readonly gradientNorm: number
  readonly converged: boolean
  readonly steps: number
  /** Negative eigenvalues among the non-rigid modes: 1 at a transition state. */
  readonly index: number
  /** The lowest non-rigid eigenvalue. */
  readonly lowestEigenvalue: number
  /** Its unit eigenvector: the reaction coordinate at a transition state. */
  readonly mode: Float64Array
}

/**
 * Moves q (in place) to a first-order saddle by eigenvector following. At each step the Hessian
 * is computed (central differences of the gradient) and diagonalised; with F_i the gradient along
 * mode i and b_i its eigenvalue, the step along the lowest non-rigid mode goes uphill and along
 * every other one downhill,
 *   h_i = +- 2 F_i / (|b_i| (1 + sqrt(1 + 4 F_i^2 / b_i^2))),
 * the rational-function step of Wales' OPTIM, which is the Newton step -F_i / b_i near the saddle
 * and at most 1 in size far from it; each is capped at maxModeStep. Rigid-body modes take no step.
 */
export function refineSaddle(system: System, q: Float64Array, options: SaddleOptions = {}): SaddlePoint {
  const n = system.dim
  const tol = options.gradientTolerance ?? 1e-8
  const maxSteps = options.maxSteps ?? 200
  const cap = options.maxModeStep ?? 0.1
  const solver = modeSolver(system, options.rigid ?? null)
  const g = new Float64Array(n)
  const step = new Float64Array(n)
  let energy = system.gradient(q, g)
  let gNorm = norm(g)
  let steps = 0
  for (; steps < maxSteps && gNorm >= tol; steps++) {
    const modes = solver.modes(q)
    let uphill = -1
    for (let k = 0; k < n; k++)
      if (modes.rigid[k] === 0) {
        uphill = k
        break
      }
    step.fill(0)
    for (let k = 0; k < n; k++) {
      if (modes.rigid[k] === 1) continue
      let f = 0
      for (let i = 0; i < n; i++) f += g[i]! * modes.vectors[i * n + k]!
      const b = Math.abs(modes.values[k]!)
      let h = b > 0 ? (2 * f) / (b * (1 + Math.sqrt(1 + (4 * f * f) / (b * b)))) : Math.sign(f) * cap
      if (k !== uphill) h = -h
      if (h > cap) h = cap
      else if (h < -cap) h = -cap
      for (let i = 0; i < n; i++) step[i] = step[i]! + h * modes.vectors[i * n + k]!
    }
    for (let i = 0; i < n; i++) q[i] = q[i]! + step[i]!
    energy = system.gradient(q, g)
    gNorm = norm(g)
  }
  const modes = solver.modes(q)
  let lowest = -1
  for (let k = 0; k < n; k++)
    if (modes.rigid[k] === 0) {
      lowest = k
      break
    }
  const mode = new Float64Array(n)
  for (let i = 0; i < n; i++) mode[i] = modes.vectors[i * n + lowest]!
  return {
    q,
    energy,
    gradientNorm: gNorm,
    converged: gNorm < tol,
    steps,
    index: modes.negative,
    lowestEigenvalue: modes.values[lowest]!,
    mode,
  }
}

/** A minimum reached by a quench. */
export interface Quenched {
  readonly q: Float64Array
  readonly energy: number
  readonly converged: boolean
}

/** Displacement along the reaction mode before each quench from a saddle. */
export const DESCENT_STEP = 0.02

/**
 * The two minima on either side of a transition state: q +- step * mode, each quenched by FIRE.
 * The step is small enough that the energy falls on both sides (the saddle region is quadratic
 * over it) and large enough to leave the saddle's neighbourhood at once.
 */
export function descend(
  system: System,
  saddle: Float64Array,
  mode: Float64Array,
  step = DESCENT_STEP,
  fireOptions: FireOptions = { gradientTolerance: 1e-7 },
): [Quenched, Quenched] {
  const out = [1, -1].map((sign) => {
    const x = Float64Array.from(saddle, (v, i) => v + sign * step * mode[i]!)
    const r = fire(system, x, fireOptions)
    return { q: x, energy: r.energy, converged: r.converged }
  })
  return [out[0]!, out[1]!]
}

/** What a search for the transition state between two minima found. */
export interface Connection {
  readonly band: NebResult
  readonly saddle: SaddlePoint
  /** The minima the saddle descends to, in the order of the end points when it connects them. */
  readonly minima: [Quenched, Quenched]
  readonly fingerprints: [Fingerprint, Fingerprint]
  /** Whether the saddle is a converged transition state (index 1) whose two minima are the two end points. */
  readonly connects: boolean
}

/**
 * How the far end point is superposed on the near one before the band is built: 'cluster'
 * relabels, mirrors and rotates (atoms of one element, a mirror image the same minimum: LJ
 * clusters); 'rigid' only translates and rotates (a chain of beads in space, which may be chiral);
 * 'none' leaves both as given (internal coordinates, such as the AB chain's angles).
 */
export type Alignment = 'cluster' | 'rigid' | 'none'

export interface ConnectOptions {
  /** Default 'cluster' when the state is the atoms' positions (no positions callback), else 'none'. */
  readonly alignment?: Alignment
  readonly neb?: NebOptions
  readonly saddle?: Omit<SaddleOptions, 'rigid'>
  /** Displacement along the reaction mode for the descent. Default DESCENT_STEP. */
  readonly descentStep?: number
}

/**
 * Looks for a transition state between minima a and b (not changed): aligns copies (see
 * Alignment: for a cluster, centred, relabelled and mirrored as closely as possible, rotated onto each other), runs
 * CI-NEB, refines the climbing image by eigenvector following and quenches either way from it.
 */
export function connectMinima(
  system: System,
  a: Float64Array,
  b: Float64Array,
  layout: AtomLayout,
  options: ConnectOptions = {},
): Connection {
  const start = Float64Array.from(a)
  const end = Float64Array.from(b)
  // A state that is the atoms' positions has rigid-body modes; internal coordinates have none.
  const cluster = layout.positions === undefined
  const alignment = options.alignment ?? (cluster ? 'cluster' : 'none')
  if (alignment !== 'none' && !cluster)
    throw new RangeError(`connectMinima: '${alignment}' alignment needs a state of positions, not a positions callback`)
  if (alignment !== 'none')
    alignClusters(end, start, layout.atoms, layout.perAtom, {
      permutations: alignment === 'cluster',
      reflection: alignment === 'cluster',
    })
  const band = nudgedElasticBand(system, start, end, options.neb)
  const saddle = refineSaddle(system, Float64Array.from(band.images[band.climbing]!), {
    ...options.saddle,
    rigid: cluster ? layout : null,
  })
  let minima = descend(system, saddle.q, saddle.mode, options.descentStep)
  let prints: [Fingerprint, Fingerprint] = [
    fingerprint(minima[0].q, minima[0].energy, layout),
    fingerprint(minima[1].q, minima[1].energy, layout),
  ]
  const pa = fingerprint(a, system.energy(a), layout)
  const pb = fingerprint(b, system.energy(b), layout)
  if (sameMinimum(prints[0], pb) && sameMinimum(prints[1], pa)) {
    minima = [minima[1], minima[0]]
    prints = [prints[1], prints[0]]
  }
  const connects =
    saddle.converged &&
    saddle.index === 1 &&
    minima[0].converged &&
    minima[1].converged &&
    sameMinimum(prints[0], pa) &&
    sameMinimum(prints[1], pb)
  return { band, saddle, minima, fingerprints: prints, connects }
}

function norm(v: Float64Array): number {
  let s = 0
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!
  return Math.sqrt(s)
}

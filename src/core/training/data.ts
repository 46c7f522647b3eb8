import { portableMath as pm } from '../portable-math'
import { RandomStream } from '../random'

/**
 * Toy data sets for a small network: points in the plane with a class (0 or 1) or a real
 * target. The classification sets follow TensorFlow Playground's generators
 * (tensorflow/playground, src/dataset.ts) and scikit-learn's make_moons
 * (sklearn/datasets/_samples_generator.py), with the same formulas and the same meaning of
 * the noise level; the random numbers come from this project's counter-based generator, so
 * the points are not those of either program, but the same seed gives the same points in
 * every engine.
 *
 * Errors: the `...Problem` functions return a message (or null) for a form to show; the
 * constructors (`makeDataset`, `userDataset`) throw a RangeError with the same message.
 */

/** Points in the plane with their targets. */
export interface Dataset {
  /** The generator's id ('circle', ...), or 'user' for clicked points. */
  readonly id: string
  readonly n: number
  /** n × 2, row-major: point i at (inputs[2i], inputs[2i + 1]). */
  readonly inputs: Float64Array
  /** n values: the labels 0 and 1 for 'classify', reals for 'regress'. */
  readonly targets: Float64Array
  readonly task: 'classify' | 'regress'
}

export type DatasetId = 'circle' | 'xor' | 'gauss' | 'spiral' | 'moons' | 'sine'

/** What a page needs to know about a generator. */
export interface DatasetDescriptor {
  readonly id: DatasetId
  readonly title: string
  readonly task: 'classify' | 'regress'
  /** One paragraph: how the points are made and what the noise level does. */
  readonly note: string
  /** A rectangle [xmin, xmax, ymin, ymax] that holds the points at noise 0 with a margin: for the region view. */
  readonly extent: readonly [number, number, number, number]
}

/** The generators, in the order a menu shows them. */
export const DATASETS: readonly DatasetDescriptor[] = [
  {
    id: 'circle',
    title: 'Circle',
    task: 'classify',
    note:
      'Half the points at radius 0 to 2.5 from the origin, half at 3.5 to 5, at uniform angles. A point is ' +
      'class 1 when it lies within 2.5 of the origin after a shift of up to 5 noise in each coordinate: the ' +
      'noise flips labels near the gap, it does not move points (TensorFlow Playground).',
    extent: [-6, 6, -6, 6],
  },
  {
    id: 'xor',
    title: 'Exclusive or',
    task: 'classify',
    note:
      'Points uniform in the square [-5, 5]², pushed 0.3 away from both axes; class 1 in the first and third ' +
      'quadrants. The label is taken after a shift of up to 5 noise in each coordinate, so noise flips labels ' +
      'near the axes (TensorFlow Playground).',
    extent: [-6, 6, -6, 6],
  },
  {
    id: 'gauss',
    title: 'Two Gaussians',
    task: 'classify',
    note:
      'Class 1 around (2, 2), class 0 around (-2, -2), each coordinate normal with variance 0.5 + 7 noise: ' +
      'the clouds overlap as the noise grows (TensorFlow Playground).',
    extent: [-6, 6, -6, 6],
  },
  {
    id: 'spiral',
    title: 'Spiral',
    task: 'classify',
    note:
      'Two interleaved spiral arms: point i of m in an arm at radius 5 i / m and angle 3.5 pi i / m (class 1) ' +
      'or that plus pi (class 0), moved by up to noise in each coordinate (TensorFlow Playground).',
    extent: [-6, 6, -6, 6],
  },
  {
    id: 'moons',
    title: 'Two moons',
    task: 'classify',
    note:
      'Two interleaved half circles of radius 1: (cos s, sin s) for class 0 and (1 - cos s, 0.5 - sin s) for ' +
      'class 1, s evenly spaced over [0, pi], then normal noise of standard deviation noise on each ' +
      'coordinate (scikit-learn make_moons).',
    extent: [-1.5, 2.5, -1, 1.5],
  },
  {
    id: 'sine',
    title: 'Sine wave',
    task: 'regress',
    note:
      'Regression on one input: x and y uniform in [-5, 5], target sin(x) plus normal noise of standard ' +
      'deviation noise / 2. The target does not depend on y, which the network has to learn to ignore.',
    extent: [-6, 6, -6, 6],
  },
]

/** The largest number of generated points. */
export const MAX_POINTS = 5000
/** The largest number of clicked points. */
export const MAX_USER_POINTS = 500
/** The decimals a link keeps of a clicked point's coordinates. */
export const USER_POINT_DECIMALS = 2

/** The random stream of the data generators (the initialisation of weights draws from another). */
const DATA_STREAM = 0xda7a

/** Settings of a generator. */
export interface DatasetOptions {
  /** Number of points, an integer in 1..MAX_POINTS. */
  readonly points: number
  /** Noise level in [0, 1] (TensorFlow Playground's slider 0..50 divided by 100; make_moons's sd). */
  readonly noise: number
  /** Any safe integer. */
  readonly seed: number
}

/** Why `makeDataset(id, options)` would fail, or null. */
export function datasetProblem(id: string, options: DatasetOptions): string | null {
  if (!DATASETS.some((d) => d.id === id))
    return `unknown data set '${id}': one of ${DATASETS.map((d) => d.id).join(', ')}`
  const { points, noise, seed } = options
  if (!Number.isInteger(points) || points < 1 || points > MAX_POINTS)
    return `the number of points must be an integer from 1 to ${MAX_POINTS}, not ${points}`
  if (!(noise >= 0 && noise <= 1)) return `the noise level must be in [0, 1], not ${noise}`
  if (!Number.isSafeInteger(seed)) return `the seed must be a safe integer, not ${seed}`
  return null
}

/**
 * `points` points of generator `id`, from `seed`, in a random order (both programs shuffle:
 * consecutive points are not of one class). Where the two classes take n/2 points each, class
 * 1 takes the larger half of an odd n. Throws a RangeError with `datasetProblem`'s message.
 */
export function makeDataset(id: string, options: DatasetOptions): Dataset {
  const problem = datasetProblem(id, options)
  if (problem !== null) throw new RangeError(`makeDataset: ${problem}`)
  const { points: n, noise, seed } = options
  const rng = new RandomStream(seed, DATA_STREAM)
  const inputs = new Float64Array(2 * n)
  const targets = new Float64Array(n)
  const ones = n - Math.floor(n / 2)
  const u = (a: number, b: number) => a + (b - a) * rng.uniform()
  let task: 'classify' | 'regress' = 'classify'
  switch (id as DatasetId) {
    case 'circle': {
      // src/dataset.ts classifyCircleData: radius 5; class 1 inside 0.5 radius, class 0 from 0.7 radius to radius.
      for (let i = 0; i < n; i++) {
        const inner = i < ones
        const r = inner ? u(0, 2.5) : u(3.5, 5)
        const angle = u(0, 2 * Math.PI)
        const x = r * pm.sin(angle)
        const y = r * pm.cos(angle)
        const nx = u(-5, 5) * noise
        const ny = u(-5, 5) * noise
        inputs[2 * i] = x
        inputs[2 * i + 1] = y
        const sx = x + nx
        const sy = y + ny
        targets[i] = Math.sqrt(sx * sx + sy * sy) < 2.5 ? 1 : 0
      }
      break
    }
    case 'xor': {
      // classifyXORData: x, y ~ U(-5, 5), pushed 0.3 from 0; label 1 iff (x + nx)(y + ny) >= 0.
      for (let i = 0; i < n; i++) {
        let x = u(-5, 5)
        x += x > 0 ? 0.3 : -0.3
        let y = u(-5, 5)
        y += y > 0 ? 0.3 : -0.3
        const nx = u(-5, 5) * noise
        const ny = u(-5, 5) * noise
        inputs[2 * i] = x
        inputs[2 * i + 1] = y
        targets[i] = (x + nx) * (y + ny) >= 0 ? 1 : 0
      }
      break
    }
    case 'gauss': {
      // classifyTwoGaussData: variance scale(noise), a linear map of [0, 0.5] onto [0.5, 4], so 0.5 + 7 noise.
      const sd = Math.sqrt(0.5 + 7 * noise)
      for (let i = 0; i < n; i++) {
        const c = i < ones ? 2 : -2
        inputs[2 * i] = c + sd * rng.normal()
        inputs[2 * i + 1] = c + sd * rng.normal()
        targets[i] = i < ones ? 1 : 0
      }
      break
    }
    case 'spiral': {
      // classifySpiralData: per arm of m points, r = 5 i / m, t = 1.75 (2 pi) i / m + deltaT.
      for (let i = 0; i < n; i++) {
        const one = i < ones
        const m = one ? ones : n - ones
        const k = one ? i : i - ones
        const r = (5 * k) / m
        const t = (1.75 * k * 2 * Math.PI) / m + (one ? 0 : Math.PI)
        inputs[2 * i] = r * pm.sin(t) + u(-1, 1) * noise
        inputs[2 * i + 1] = r * pm.cos(t) + u(-1, 1) * noise
        targets[i] = one ? 1 : 0
      }
      break
    }
    case 'moons': {
      // make_moons: n_out = n // 2 on the outer arc (label 0), the rest on the inner one (label 1),
      // s = linspace(0, pi).
      const out = n - ones
      for (let i = 0; i < n; i++) {
        const outer = i < out
        const m = outer ? out : ones
        const k = outer ? i : i - out
        const s = m > 1 ? (Math.PI * k) / (m - 1) : 0
        inputs[2 * i] = (outer ? pm.cos(s) : 1 - pm.cos(s)) + noise * rng.normal()
        inputs[2 * i + 1] = (outer ? pm.sin(s) : 1 - pm.sin(s) - 0.5) + noise * rng.normal()
        targets[i] = outer ? 0 : 1
      }
      break
    }
    case 'sine': {
      task = 'regress'
      for (let i = 0; i < n; i++) {
        const x = u(-5, 5)
        inputs[2 * i] = x
        inputs[2 * i + 1] = u(-5, 5)
        targets[i] = pm.sin(x) + 0.5 * noise * rng.normal()
      }
      break
    }
  }
  shuffle(inputs, targets, rng)
  return { id, n, inputs, targets, task }
}

/** Fisher-Yates on the points and their targets together. */
function shuffle(inputs: Float64Array, targets: Float64Array, rng: RandomStream): void {
  for (let i = targets.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(rng.uniform() * (i + 1)))
    const t = targets[i]!
    targets[i] = targets[j]!
    targets[j] = t
    const x = inputs[2 * i]!
    const y = inputs[2 * i + 1]!
    inputs[2 * i] = inputs[2 * j]!
    inputs[2 * i + 1] = inputs[2 * j + 1]!
    inputs[2 * j] = x
    inputs[2 * j + 1] = y
  }
}

/** A point placed by hand. */
export interface UserPoint {
  readonly x: number
  readonly y: number
  /** 0 or 1. */
  readonly label: number
}

/** Why `userDataset(points)` would fail, or null. */
export function userPointsProblem(points: readonly UserPoint[]): string | null {
  if (points.length === 0) return 'no points: place at least one'
  if (points.length > MAX_USER_POINTS) return `${points.length} points: at most ${MAX_USER_POINTS}`
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y))
      return `point ${i + 1} is at (${p.x}, ${p.y}): its coordinates must be finite numbers`
    if (p.label !== 0 && p.label !== 1) return `point ${i + 1} has label ${p.label}: labels are 0 or 1`
  }
  return null
}

/**
 * Clicked points as a classification data set, in their order. Throws a RangeError with
 * `userPointsProblem`'s message.
 */
export function userDataset(points: readonly UserPoint[]): Dataset {
  const problem = userPointsProblem(points)
  if (problem !== null) throw new RangeError(`userDataset: ${problem}`)
  const n = points.length
  const inputs = new Float64Array(2 * n)
  const targets = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    inputs[2 * i] = points[i]!.x
    inputs[2 * i + 1] = points[i]!.y
    targets[i] = points[i]!.label
  }
  return { id: 'user', n, inputs, targets, task: 'classify' }
}

function fixed(v: number): string {
  const s = v.toFixed(USER_POINT_DECIMALS)
  return Number(s) === 0 ? (0).toFixed(USER_POINT_DECIMALS) : s
}

/**
 * Points as text for a link: 'x,y,label' per point, joined by ';', coordinates with
 * USER_POINT_DECIMALS decimals ('1.25,-0.50,1;0.00,3.10,0'). The points should pass
 * `userPointsProblem`.
 */
export function encodeUserPoints(points: readonly UserPoint[]): string {
  return points.map((p) => `${fixed(p.x)},${fixed(p.y)},${p.label}`).join(';')
}

/** What `decodeUserPoints` gives: the points, or why the text is not a valid set. */
export type DecodedPoints = { readonly points: UserPoint[] } | { readonly problem: string }

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/

/**
 * The points of `encodeUserPoints`'s text, or a message naming the first bad entry by its
 * position ('entry 3 of 5 ...'). Accepts any number of decimals, not exponents; the set must
 * also pass `userPointsProblem`.
 */
export function decodeUserPoints(text: string): DecodedPoints {
  const body = text.trim()
  if (body === '') return { problem: 'no points: place at least one' }
  const entries = body.split(';')
  if (entries.length > MAX_USER_POINTS) return { problem: `${entries.length} points: at most ${MAX_USER_POINTS}` }
  const points: UserPoint[] = []
  for (let i = 0; i < entries.length; i++) {
    const where = `entry ${i + 1} of ${entries.length} ('${entries[i]!.slice(0, 40)}')`
    const parts = entries[i]!.split(',').map((s) => s.trim())
    if (parts.length !== 3) return { problem: `${where}: expected x,y,label (three fields), found ${parts.length}` }
    const [xs, ys, ls] = parts as [string, string, string]
    if (!NUMBER.test(xs)) return { problem: `${where}: x is not a number` }
    if (!NUMBER.test(ys)) return { problem: `${where}: y is not a number` }
    if (ls !== '0' && ls !== '1') return { problem: `${where}: the label must be 0 or 1` }
    points.push({ x: Number(xs), y: Number(ys), label: ls === '1' ? 1 : 0 })
  }
  return { points }
}

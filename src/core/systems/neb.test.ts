import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import type { System } from '../system'
import { fingerprint, sameMinimum, type AtomLayout } from './identity'
import { lj7TwoD } from './lj7-2d'
import { MinimaCatalogue, scatterAtoms } from './catalogue'
import { ljClusterSystem } from './lennard-jones'
import { fire } from './minimise'
import { connectMinima, descend, nudgedElasticBand, refineSaddle } from './neb'

const LJ7: AtomLayout = { atoms: 7, perAtom: 2 }

/** The four 2D LJ7 isomers, quenched to |grad E| < 1e-9 from their built geometries, lowest first. */
function lj7Minima(): Float64Array[] {
  const sys = lj7TwoD.system()
  return lj7TwoD.minima.map((m) => {
    const q = m.start!()
    fire(sys, q, { gradientTolerance: 1e-9 })
    return q
  })
}

/**
 * U = (x^2 - 1)^2 + 2 y^2 + x y / 2: two minima near x = +-1 and a transition state at the
 * origin (Hessian [[-4, 1/2], [1/2, 4]], one negative eigenvalue).
 */
const doubleWell: System = {
  dim: 2,
  coordinate: (k) => 'xy'[k]!,
  energy: (q) => (q[0]! ** 2 - 1) ** 2 + 2 * q[1]! ** 2 + (q[0]! * q[1]!) / 2,
  gradient: (q, g) => {
    const [x, y] = [q[0]!, q[1]!]
    g[0] = 4 * x * (x * x - 1) + y / 2
    g[1] = 4 * y + x / 2
    return (x * x - 1) ** 2 + 2 * y * y + (x * y) / 2
  },
}

describe('eigenvector following on a surface with a known saddle', () => {
  it('converges from (0.3, 0.2) to the origin with index 1 and eigenvalue 0 - sqrt(16 + 1/4)', () => {
    const q = new Float64Array([0.3, 0.2])
    const s = refineSaddle(doubleWell, q)
    expect(s.converged).toBe(true)
    expect(s.gradientNorm).toBeLessThan(1e-8)
    expect(Math.hypot(q[0]!, q[1]!)).toBeLessThan(1e-8)
    expect(s.index).toBe(1)
    // Hessian [[-4, 1/2], [1/2, 4]]: eigenvalues +-sqrt(16.25); the finite-difference Hessian of
    // this quartic is exact up to h^2 = 1e-10 times U'''' and rounding of order 1e-10.
    expect(Math.abs(s.lowestEigenvalue + Math.sqrt(16.25))).toBeLessThan(1e-6)
    const [a, b] = descend(doubleWell, q, s.mode)
    expect(a.converged && b.converged).toBe(true)
    expect(Math.sign(a.q[0]!) * Math.sign(b.q[0]!)).toBe(-1)
  })

  it('connects the two minima of a surface given in internal coordinates (no rigid modes, no alignment)', () => {
    // The fingerprint sees the state as two points, (x, y) and the fixed (1, 0): the minima differ.
    const layout: AtomLayout = { atoms: 2, perAtom: 2, positions: (q, out) => out.set([q[0]!, q[1]!, 1, 0]) }
    const a = new Float64Array([-1, 0])
    const b = new Float64Array([1, 0])
    fire(doubleWell, a, { gradientTolerance: 1e-10 })
    fire(doubleWell, b, { gradientTolerance: 1e-10 })
    const c = connectMinima(doubleWell, a, b, layout)
    expect(c.connects).toBe(true)
    expect(c.saddle.index).toBe(1)
    expect(Math.abs(c.saddle.energy - 1)).toBeLessThan(1e-15)
    expect(() => connectMinima(doubleWell, a, b, layout, { alignment: 'rigid' })).toThrow(RangeError)
  })

  it('negative control: started at a minimum it stays there, with index 0', () => {
    const q = new Float64Array([1, 0])
    fire(doubleWell, q, { gradientTolerance: 1e-10 })
    const s = refineSaddle(doubleWell, q)
    expect(s.index).toBe(0)
    expect(s.lowestEigenvalue).toBeGreaterThan(0)
  })
})

// Saddle energies computed here (converged to |grad E| < 1e-8, so exact to about 1e-15 in energy);
// held to 1e-6 as a regression check.
const SADDLES = [
  { to: 1, name: 'capped A', energy: -11.037334 },
  { to: 2, name: 'capped B', energy: -11.040253 },
]

describe('transition states of 2D LJ7', () => {
  for (const { to, name, energy } of SADDLES) {
    const barrier = (energy - lj7TwoD.minima[0]!.energy).toFixed(4)
    it(`hexagon to ${name}: a transition state at E = ${energy}, ${barrier} above the hexagon`, () => {
      const sys = lj7TwoD.system()
      const minima = lj7Minima()
      const c = connectMinima(sys, minima[0]!, minima[to]!, LJ7)
      expect(c.band.converged).toBe(true)
      expect(c.saddle.converged).toBe(true)
      expect(c.saddle.gradientNorm).toBeLessThan(1e-8)
      expect(c.saddle.index).toBe(1)
      expect(c.saddle.lowestEigenvalue).toBeLessThan(-1)
      expect(Math.abs(c.saddle.energy - energy)).toBeLessThan(1e-6)
      // Its two descents are the two end points, by fingerprint.
      expect(c.connects).toBe(true)
      expect(sameMinimum(c.fingerprints[0], fingerprint(minima[0]!, sys.energy(minima[0]!), LJ7))).toBe(true)
      expect(sameMinimum(c.fingerprints[1], fingerprint(minima[to]!, sys.energy(minima[to]!), LJ7))).toBe(true)
      // A barrier of order one epsilon each way: positive and below 2 epsilon.
      for (const end of [0, to]) {
        const b = c.saddle.energy - lj7TwoD.minima[end]!.energy
        expect(b).toBeGreaterThan(0)
        expect(b).toBeLessThan(2)
      }
      // The climbing image is the highest image, and the end points are the band's lowest.
      expect(Math.max(...c.band.energies)).toBe(c.band.energies[c.band.climbing])
    })
  }

  it('eigenvector following finds the hexagon-capped A saddle again from a perturbed copy', () => {
    const sys = lj7TwoD.system()
    const minima = lj7Minima()
    const c = connectMinima(sys, minima[0]!, minima[1]!, LJ7)
    const rng = new RandomStream(7)
    const q = Float64Array.from(c.saddle.q, (x) => x + 0.02 * rng.normal())
    expect(sys.gradient(q, new Float64Array(14))).not.toBe(c.saddle.energy)
    const s = refineSaddle(sys, q, { rigid: LJ7 })
    expect(s.converged).toBe(true)
    expect(s.index).toBe(1)
    // Newton-like convergence: a handful of steps.
    expect(s.steps).toBeLessThan(20)
    expect(sameMinimum(fingerprint(q, s.energy, LJ7), fingerprint(c.saddle.q, c.saddle.energy, LJ7))).toBe(true)
  })

  it('negative control: a minimum is not accepted as a saddle (no negative eigenvalue)', () => {
    const sys = lj7TwoD.system()
    const [hexagon] = lj7Minima()
    const s = refineSaddle(sys, Float64Array.from(hexagon!), { rigid: LJ7 })
    expect(s.converged).toBe(true)
    expect(s.index).toBe(0)
    // A band from the hexagon to a copy of itself has nothing to climb: no connection.
    const c = connectMinima(sys, hexagon!, hexagon!, LJ7)
    expect(c.connects).toBe(false)
    expect(c.saddle.index).toBe(0)
  })

  it('the band keeps its end points as given and returns images + 2 states', () => {
    const sys = lj7TwoD.system()
    const [hexagon, cappedA] = lj7Minima()
    const band = nudgedElasticBand(sys, hexagon!, cappedA!, { images: 5, maxSteps: 10 })
    expect(band.images.length).toBe(7)
    expect(band.images[0]).toEqual(hexagon)
    expect(band.images[6]).toEqual(cappedA)
  })

  it('finds the same transition state when the far end point is relabelled, rotated, shifted and mirrored', () => {
    const sys = lj7TwoD.system()
    const [hexagon, cappedA] = lj7Minima()
    const rng = new RandomStream(8)
    const perm = [3, 0, 6, 2, 5, 1, 4]
    const t = 2 * Math.PI * rng.uniform()
    const scrambled = new Float64Array(14)
    for (let i = 0; i < 7; i++) {
      // Mirror (x -> -x), rotate by t, shift by (2, -1), relabel.
      const x = -cappedA![2 * perm[i]!]!
      const y = cappedA![2 * perm[i]! + 1]!
      scrambled[2 * i] = Math.cos(t) * x - Math.sin(t) * y + 2
      scrambled[2 * i + 1] = Math.sin(t) * x + Math.cos(t) * y - 1
    }
    const c = connectMinima(sys, hexagon!, scrambled, LJ7)
    expect(c.connects).toBe(true)
    expect(Math.abs(c.saddle.energy - SADDLES[0]!.energy)).toBeLessThan(1e-6)
  })
})

describe('a transition state of LJ7 in three dimensions', () => {
  it('between the pentagonal bipyramid and the capped octahedron: index 1 beside six rigid modes', () => {
    const sys = ljClusterSystem({ atoms: 7, perAtom: 3, wall: { radius: 2.5, kappa: 100 } })
    const layout: AtomLayout = { atoms: 7, perAtom: 3 }
    const catalogue = new MinimaCatalogue(sys, layout)
    const rng = new RandomStream(5)
    for (let k = 0; k < 100; k++) catalogue.add(scatterAtoms(rng, 7, 3, 1.5, 0.8))
    const [bipyramid, octahedron] = catalogue.entries
    // The global minimum as in the Cambridge Cluster Database (-16.505384); the second computed here.
    expect(Math.abs(bipyramid!.energy + 16.505384)).toBeLessThan(1e-6)
    expect(Math.abs(octahedron!.energy + 15.935043)).toBeLessThan(1e-6)
    const c = connectMinima(sys, bipyramid!.q, octahedron!.q, layout)
    expect(c.saddle.gradientNorm).toBeLessThan(1e-8)
    expect(c.saddle.index).toBe(1)
    expect(c.connects).toBe(true)
    // Computed here; a barrier of about 1.06 epsilon from the bipyramid, 0.49 from the octahedron.
    expect(Math.abs(c.saddle.energy + 15.444734)).toBeLessThan(1e-6)
  })
})

import { Lane } from '../src/core/dynamics/lane'
import { methodById } from '../src/core/dynamics/methods'
import { Noise, STREAM } from '../src/core/dynamics/noise'
import { resolveSettings } from '../src/core/dynamics/params'
import { statusScales } from '../src/core/landscape/scales'
import { compileAtlasSurface } from '../src/core/surfaces/compile'
import { atlasSurface } from '../src/core/surfaces'
import { handGradient, handPortableGradient } from './formula'
import { fmt, rates, table } from './measure'

const N = 1000
const entry = atlasSurface('muller-brown')!
const surface = compileAtlasSurface(entry)
const scales = statusScales(surface)

function laneRound(method: string, settings: Record<string, unknown>): (steps: number) => number {
  const m = methodById(method)
  if (!m) return () => NaN
  const r = resolveSettings(m.params, settings, m.id)
  if (!r.ok) throw new Error(r.errors[0].message)
  const lane = new Lane({
    surface,
    method: m,
    settings: r.settings,
    walkers: N,
    start: { kind: 'gaussian', x: -0.558, y: 1.442, sigma: 0.05 },
    seed: 1,
    scales,
  })
  return (steps) => {
    lane.advance(steps)
    return lane.walkers.x[0]
  }
}

/**
 * The baseline: BAOAB written out by hand in one loop on the hand-written
 * Müller-Brown gradient, with the same portable exp and counter-based normals the
 * engine uses (so the ratio measures the engine's structure, not different
 * arithmetic); beside it the fastest loop plain JS allows (Math.exp, xorshift),
 * which shows what reproducibility in every engine costs.
 */
function handBaoab(noiseKind: 'philox' | 'xorshift', gradient = handPortableGradient): (steps: number) => number {
  const x = new Float64Array(N)
  const y = new Float64Array(N)
  const vx = new Float64Array(N)
  const vy = new Float64Array(N)
  const gx = new Float64Array(N)
  const gy = new Float64Array(N)
  const g = new Float64Array(2)
  const xi = new Float64Array(2)
  const noise = new Noise(1)
  const dt = 2e-3
  const c = Math.exp(-dt)
  const kick = Math.sqrt((1 - c * c) * 20)
  let state = 0x9e3779b9
  const xorshift = () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return ((state >>> 0) + 0.5) / 4294967296
  }
  for (let i = 0; i < N; i++) {
    x[i] = -0.558 + 0.05 * Math.sin(i)
    y[i] = 1.442 + 0.05 * Math.cos(i)
    gradient(x[i], y[i], g)
    gx[i] = g[0]
    gy[i] = g[1]
  }
  let t = 0
  return (steps) => {
    for (let s = 0; s < steps; s++, t++) {
      for (let i = 0; i < N; i++) {
        let px = vx[i] - 0.5 * dt * gx[i]
        let py = vy[i] - 0.5 * dt * gy[i]
        let qx = x[i] + 0.5 * dt * px
        let qy = y[i] + 0.5 * dt * py
        if (noiseKind === 'philox') noise.normal2(i, t, STREAM.kick, xi)
        else {
          const r = Math.sqrt(-2 * Math.log(xorshift()))
          const th = 2 * Math.PI * xorshift()
          xi[0] = r * Math.cos(th)
          xi[1] = r * Math.sin(th)
        }
        px = c * px + kick * xi[0]
        py = c * py + kick * xi[1]
        qx += 0.5 * dt * px
        qy += 0.5 * dt * py
        gradient(qx, qy, g)
        x[i] = qx
        y[i] = qy
        gx[i] = g[0]
        gy[i] = g[1]
        vx[i] = px - 0.5 * dt * g[0]
        vy[i] = py - 0.5 * dt * g[1]
      }
    }
    return x[0]
  }
}

export function dynamicsBenchmarks(): void {
  const steps = 100
  const routes = [
    handBaoab('philox'),
    handBaoab('xorshift', handGradient),
    laneRound('baoab', { kT: 20, dt: 2e-3, gamma: 1 }),
    laneRound('gd', { lr: 1e-4 }),
    laneRound('metropolis', { kT: 20, step: 0.05 }),
  ]
  const [hand, handXor, baoab, gd, metropolis] = rates(
    routes,
    routes.map(() => steps),
    7,
  )
  const perWalkerStep = (r: { perSecond: number }) => r.perSecond * N
  table(`Müller-Brown, ${N} walkers: walker-steps per second`, [
    {
      route: 'hand-written BAOAB (portable exp, counter-based normals)',
      'walker-steps/s': fmt(perWalkerStep(hand)),
      'vs hand-written': 1,
    },
    {
      route: 'hand-written BAOAB (Math.exp, xorshift normals)',
      'walker-steps/s': fmt(perWalkerStep(handXor)),
      'vs hand-written': fmt(handXor.perSecond / hand.perSecond),
    },
    {
      route: 'engine BAOAB (formula gradient, lane)',
      'walker-steps/s': fmt(perWalkerStep(baoab)),
      'vs hand-written': fmt(baoab.perSecond / hand.perSecond),
    },
    {
      route: 'engine gradient descent (with statuses)',
      'walker-steps/s': fmt(perWalkerStep(gd)),
      'vs hand-written': fmt(gd.perSecond / hand.perSecond),
    },
    {
      route: 'engine Metropolis',
      'walker-steps/s': fmt(perWalkerStep(metropolis)),
      'vs hand-written': fmt(metropolis.perSecond / hand.perSecond),
    },
  ])
  console.log(
    `engine BAOAB / hand-written BAOAB = ${(baoab.perSecond / hand.perSecond).toFixed(2)}x (target >= 0.6x); ` +
      `against the xorshift loop ${(baoab.perSecond / handXor.perSecond).toFixed(2)}x`,
  )
}

import { parseArgs } from 'node:util'
import { Noise, STREAM } from '../src/core/dynamics/noise'
import { handPortableGradient } from './formula'

/**
 * BAOAB on Müller-Brown written out by hand in one loop, with the engine's
 * portable exp and counter-based normals (the arithmetic a run must use to give
 * the same numbers in Node and Chromium), as a whole program: bench/cli.ts
 * bundles it and runs it as a node process beside `landscape sample`, so the
 * ratio measures what the command adds, not a different arithmetic.
 * bench/baoab-hand.mjs is the fastest loop plain JS allows (Math.exp, xorshift).
 *
 *   node <bundle> --walkers 1000 --steps 10000 --dt 0.002 --gamma 5 --kT 20
 */
const { values } = parseArgs({
  options: {
    walkers: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '10000' },
    dt: { type: 'string', default: '0.002' },
    gamma: { type: 'string', default: '5' },
    kT: { type: 'string', default: '20' },
  },
})
const n = Number(values.walkers)
const steps = Number(values.steps)
const dt = Number(values.dt)
const kT = Number(values.kT)
const c = Math.exp(-Number(values.gamma) * dt)
const kick = Math.sqrt((1 - c * c) * kT)
const x = new Float64Array(n)
const y = new Float64Array(n)
const vx = new Float64Array(n)
const vy = new Float64Array(n)
const gx = new Float64Array(n)
const gy = new Float64Array(n)
const g = new Float64Array(2)
const xi = new Float64Array(2)
const noise = new Noise(1)
for (let i = 0; i < n; i++) {
  x[i] = -0.558 + 0.05 * Math.sin(i)
  y[i] = 1.442 + 0.05 * Math.cos(i)
  handPortableGradient(x[i], y[i], g)
  gx[i] = g[0]
  gy[i] = g[1]
}
for (let t = 0; t < steps; t++) {
  for (let i = 0; i < n; i++) {
    let px = vx[i] - 0.5 * dt * gx[i]
    let py = vy[i] - 0.5 * dt * gy[i]
    let qx = x[i] + 0.5 * dt * px
    let qy = y[i] + 0.5 * dt * py
    noise.normal2(i, t, STREAM.kick, xi)
    px = c * px + kick * xi[0]
    py = c * py + kick * xi[1]
    qx += 0.5 * dt * px
    qy += 0.5 * dt * py
    handPortableGradient(qx, qy, g)
    x[i] = qx
    y[i] = qy
    gx[i] = g[0]
    gy[i] = g[1]
    vx[i] = px - 0.5 * dt * g[0]
    vy[i] = py - 0.5 * dt * g[1]
  }
}
process.stdout.write(`${x[0]}\n`)

// The baseline of bench/cli.ts: BAOAB on the Müller-Brown surface written out
// by hand in plain JavaScript, run as a whole node process like the CLI. The
// same work as `landscape sample --method baoab` (W walkers, N steps, one
// gradient and two normals per walker and step) and nothing else: Float64Array
// positions and velocities, Math.exp, a seeded xorshift generator with
// Box-Muller. It need not give the CLI's numbers.
//
//   node bench/baoab-hand.mjs --walkers 1000 --steps 10000 --dt 0.002 --gamma 5 --kT 20
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    walkers: { type: 'string', default: '1000' },
    steps: { type: 'string', default: '10000' },
    dt: { type: 'string', default: '0.002' },
    gamma: { type: 'string', default: '5' },
    kT: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
  },
})
const n = Number(values.walkers)
const steps = Number(values.steps)
const dt = Number(values.dt)
const gamma = Number(values.gamma)
const kT = Number(values.kT)

// Müller-Brown: sum over k of A exp(a (x - x0)^2 + b (x - x0)(y - y0) + c (y - y0)^2).
const A = [-200, -100, -170, 15]
const a = [-1, -1, -6.5, 0.7]
const b = [0, 0, 11, 0.6]
const c = [-10, -10, -6.5, 0.7]
const X0 = [1, 0, -0.5, -1]
const Y0 = [0, 0.5, 1.5, 1]

/** U(x, y); writes the gradient to g. */
function gradient(x, y, g) {
  let u = 0
  let gx = 0
  let gy = 0
  for (let k = 0; k < 4; k++) {
    const dx = x - X0[k]
    const dy = y - Y0[k]
    const e = A[k] * Math.exp(a[k] * dx * dx + b[k] * dx * dy + c[k] * dy * dy)
    u += e
    gx += e * (2 * a[k] * dx + b[k] * dy)
    gy += e * (b[k] * dx + 2 * c[k] * dy)
  }
  g[0] = gx
  g[1] = gy
  return u
}

let state = (Number(values.seed) * 0x9e3779b9) >>> 0 || 1
/** Uniform on (0, 1) from xorshift32. */
function uniform() {
  state ^= state << 13
  state ^= state >>> 17
  state ^= state << 5
  return ((state >>> 0) + 0.5) / 4294967296
}
/** Two independent standard normals into out (Box-Muller). */
function normal2(out) {
  const r = Math.sqrt(-2 * Math.log(uniform()))
  const phi = 2 * Math.PI * uniform()
  out[0] = r * Math.cos(phi)
  out[1] = r * Math.sin(phi)
}

const x = new Float64Array(n)
const y = new Float64Array(n)
const vx = new Float64Array(n)
const vy = new Float64Array(n)
const gx = new Float64Array(n)
const gy = new Float64Array(n)
const g = new Float64Array(2)
const xi = new Float64Array(2)
const sigma = Math.sqrt(kT)
for (let i = 0; i < n; i++) {
  // The global minimum, as the CLI starts by default.
  x[i] = -0.558224
  y[i] = 1.441726
  normal2(xi)
  vx[i] = sigma * xi[0]
  vy[i] = sigma * xi[1]
  gradient(x[i], y[i], g)
  gx[i] = g[0]
  gy[i] = g[1]
}

const friction = Math.exp(-gamma * dt)
const kick = Math.sqrt((1 - friction * friction) * kT)
const half = 0.5 * dt
let kinetic = 0
for (let t = 0; t < steps; t++) {
  for (let i = 0; i < n; i++) {
    let px = vx[i] - half * gx[i]
    let py = vy[i] - half * gy[i]
    let qx = x[i] + half * px
    let qy = y[i] + half * py
    normal2(xi)
    px = friction * px + kick * xi[0]
    py = friction * py + kick * xi[1]
    kinetic += 0.5 * (px * px + py * py)
    qx += half * px
    qy += half * py
    gradient(qx, qy, g)
    x[i] = qx
    y[i] = qy
    gx[i] = g[0]
    gy[i] = g[1]
    vx[i] = px - half * g[0]
    vy[i] = py - half * g[1]
  }
}

let meanX = 0
let meanY = 0
for (let i = 0; i < n; i++) {
  meanX += x[i] / n
  meanY += y[i] / n
}
// Printed so the work is used; kineticTemperature should be close to kT.
process.stdout.write(
  `${JSON.stringify({ walkers: n, steps, meanX, meanY, kineticTemperature: kinetic / Math.max(1, n * steps) })}\n`,
)

import { type MethodDescriptor, verletStability } from '../method'
import { num } from '../params'
import { temperature } from '../schedules'
import { STATUS } from '../status'
import { BiasGrid } from './bias-grid'
import { baoabSystemStepper } from './baoab'
import { GAMMA_PARAM, dtParam, samplerParams } from './common'
import { LangevinPropagator } from './langevin-propagator'
import { portableMath as pm } from '../../portable-math'
import { cvBiasedSystem } from '../../systems/cv-bias'

/**
 * Well-tempered metadynamics (Barducci, Bussi & Parrinello, PRL 100:020603, 2008)
 * with the collective variables (x, y) themselves, several walkers sharing one
 * bias (Raiteri et al., J. Phys. Chem. B 110:3533, 2006). The walkers move by BAOAB
 * Langevin dynamics on U + V. Every `stride` steps each walker, in walker order,
 * adds a Gaussian hill of width sigma and height h0 exp(-V(s)/((gamma - 1) kT)) at
 * its position s to the bias grid (see BiasGrid for the interpolation and the
 * edges). At convergence V = -(1 - 1/gamma) F, so F = -[gamma/(gamma - 1)] V; with
 * CVs (x, y), F is U itself up to a constant. The walkers' cache (u, gx, gy) is the
 * UNBIASED U and its gradient, the surface's own; the bias force is looked up on
 * the grid at the start and the end of each step, so one surface gradient per step.
 * extras(): xs and ys (the grid's node coordinates), bias and freeEnergy as rows
 * [i][j] (x node i, y node j, as Histogram2D.rows), and the number of hills.
 *
 * On a many-coordinate system the variables are the two collective variables the run is seen
 * through (SystemContext.variables), each scaled to [0, 1] over its range for the grid (so sigma
 * is a share of each range), the bias force enters through the chain rule (cvBiasedSystem), and
 * the walkers move by BAOAB on U + V while their cached energy stays U. After each round of
 * hills the walkers' forces are recomputed with the grown bias.
 */
export const metadynamics: MethodDescriptor = {
  id: 'metadynamics',
  family: 'sampler',
  name: 'Well-tempered metadynamics',
  summary:
    'Walkers drop small hills where they have been, filling the wells until they cross freely; the hills pile up ' +
    'into a map of the free energy',
  reference: 'Barducci, Bussi & Parrinello, PRL 100:020603 (2008)',
  params: samplerParams([
    dtParam(0.01),
    GAMMA_PARAM,
    {
      kind: 'number',
      name: 'height',
      label: 'hill height h0',
      default: 0.1,
      min: 1e-6,
      max: 1e4,
      scale: 'log',
      unit: 'energy',
      help:
        'Height of a hill dropped where no bias is yet; later hills shrink as the bias grows. A fraction of kT: ' +
        'big hills fill fast but leave a rough map',
    },
    {
      kind: 'number',
      name: 'sigma',
      label: 'hill width sigma',
      default: 0.1,
      min: 1e-4,
      max: 1e3,
      scale: 'log',
      unit: 'length',
      help:
        'Width of each Gaussian hill: about the width of a well at kT, and at least two grid spacings (domain ' +
        "width / grid nodes). On a molecule, a share of each collective variable's range",
    },
    {
      kind: 'number',
      name: 'stride',
      label: 'hill every',
      default: 50,
      min: 1,
      max: 1e6,
      scale: 'log',
      integer: true,
      unit: 'steps',
      help: 'Steps between hills dropped by each walker',
    },
    {
      kind: 'number',
      name: 'biasFactor',
      label: 'bias factor',
      default: 10,
      min: 1.001,
      max: 1e4,
      scale: 'log',
      unit: '',
      help:
        'Well-tempering gamma > 1: walkers see the landscape as if at gamma kT, and the bias converges to -(1 - ' +
        '1/gamma) U; large gamma approaches plain metadynamics',
    },
    {
      kind: 'number',
      name: 'grid',
      label: 'bias grid nodes',
      default: 100,
      min: 10,
      max: 500,
      scale: 'linear',
      integer: true,
      unit: '',
      help: 'Nodes per axis of the grid the bias is stored on, over the domain',
    },
  ]),
  velocities: true,
  stability: verletStability,
  physicalTime: true,
  notRates:
    'adds a growing bias to U: its crossings are those of the biased surface, faster than at kT, not rates of U',
  notBoltzmann: 'samples U plus its growing bias, not exp(-U/kT): its free-energy estimate is what compares with U',
  create({ surface, walkers: w, settings, noise, stats }) {
    const gammaBias = num(settings, 'biasFactor')
    const height = num(settings, 'height')
    const sigma = num(settings, 'sigma')
    const stride = num(settings, 'stride')
    const nodes = num(settings, 'grid')
    const bias = new BiasGrid(surface.domain, nodes, nodes)
    const propagator = new LangevinPropagator(
      surface,
      w,
      noise,
      stats,
      num(settings, 'dt'),
      num(settings, 'gamma'),
      bias,
    )
    let hills = 0
    return {
      // The walkers share one bias: together they are one unit.
      units: 1,
      unit: () => 0,
      step(t) {
        const kT = temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] !== STATUS.diverged) propagator.step(i, t, kT, true)
        }
        if ((t + 1) % stride !== 0) return
        const deltaT = (gammaBias - 1) * kT
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          // A walker that has just run off has non-finite U; the lane will stop it, it drops no hill.
          if (!Number.isFinite(w.u[i])) continue
          bias.deposit(w.x[i]!, w.y[i]!, height * pm.exp(-bias.value(w.x[i]!, w.y[i]!) / deltaT), sigma)
          hills++
        }
      },
      extras() {
        const rows = (f: (v: number) => number) =>
          Array.from({ length: bias.nx }, (_, i) => Array.from(bias.values.subarray(i * bias.ny, (i + 1) * bias.ny), f))
        let max = -Infinity
        for (const v of bias.values) if (v > max) max = v
        const scale = gammaBias / (gammaBias - 1)
        return {
          xs: Array.from(bias.xs),
          ys: Array.from(bias.ys),
          bias: rows((v) => v),
          // F = -[gamma/(gamma - 1)] V, shifted so its minimum (where V is largest) is 0.
          freeEnergy: rows((v) => scale * (max - v)),
          hills,
        }
      },
    }
  },
  createSystem(context) {
    const { system, walkers: w, settings, variables } = context
    if (variables === undefined)
      throw new RangeError('metadynamics on a many-coordinate system biases two collective variables: none were given')
    const gammaBias = num(settings, 'biasFactor')
    const height = num(settings, 'height')
    const sigma = num(settings, 'sigma')
    const stride = num(settings, 'stride')
    const nodes = num(settings, 'grid')
    // The grid over both variables scaled to [0, 1] by their ranges: sigma is a share of each range.
    const bias = new BiasGrid({ xmin: 0, xmax: 1, ymin: 0, ymax: 1 }, nodes, nodes)
    const biased = cvBiasedSystem(system, variables, bias, true)
    // The walkers' cached energy stays U, as on a surface: the bias only pushes.
    const inner = baoabSystemStepper({ ...context, system: biased }, (i) => {
      w.u[i] = w.u[i]! - biased.lastBias
    })
    const point = new Float64Array(2)
    let hills = 0
    return {
      units: 1,
      unit: () => 0,
      step(t) {
        inner.step(t)
        if ((t + 1) % stride !== 0) return
        const deltaT = (gammaBias - 1) * temperature(settings, t)
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged || !Number.isFinite(w.u[i])) continue
          biased.gridPoint(w.qs[i]!, point)
          const u1 = point[0]!
          const u2 = point[1]!
          bias.deposit(u1, u2, height * pm.exp(-bias.value(u1, u2) / deltaT), sigma)
          hills++
        }
        // The forces of the grown bias, for the next step's first half kick.
        for (let i = 0; i < w.n; i++) {
          if (w.status[i] === STATUS.diverged) continue
          w.u[i] = biased.gradient(w.qs[i]!, w.gs[i]!) - biased.lastBias
        }
      },
      extras() {
        const [a, b] = variables
        const along = (r: readonly [number, number], u: Float64Array) => Array.from(u, (x) => r[0] + x * (r[1] - r[0]))
        let max = -Infinity
        for (const v of bias.values) if (v > max) max = v
        const scale = gammaBias / (gammaBias - 1)
        const rows = (f: (v: number) => number) =>
          Array.from({ length: bias.nx }, (_, i) => Array.from(bias.values.subarray(i * bias.ny, (i + 1) * bias.ny), f))
        return {
          xs: along(a.range, bias.xs),
          ys: along(b.range, bias.ys),
          bias: rows((v) => v),
          // F = -[gamma/(gamma - 1)] V, shifted so its minimum (where V is largest) is 0.
          freeEnergy: rows((v) => scale * (max - v)),
          hills,
        }
      },
    }
  },
}

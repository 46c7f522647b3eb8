import { describe, expect, it } from 'vitest'
import type { Landscape } from '../../core/landscape/saddles'
import type { LaneSpec, SurfaceSpec } from '../../core/scenario/types'
import type { LeadWalker } from '../../core/run/frame'
import { liveValues, resolveLane } from '../../core/dynamics/resolve'
import { formatSignificant } from './numbers'
import { globalMinimumCount, statusLine, statusSentence, type StatusInput } from './status-line'
import { ATLAS } from '../../core/surfaces'
import { atlas, gd, resolved, simulate, type SimulatedRun } from '../../testing/simulated'

/** The status line of lane 0 of a real run, with everything the panel passes. */
function lineOf(surface: SurfaceSpec, lane: LaneSpec, steps: number) {
  const run = simulate(surface, [lane], steps)
  const inputs = lineInput(run)
  return { line: statusLine(inputs), frame: run.frames[0], run, atGlobalMinimum: inputs.atGlobalMinimum }
}

/** Everything the panel passes for lane 0 of a real run. */
function lineInput(run: SimulatedRun): StatusInput {
  const f = run.frames[0]
  const atGlobalMinimum = globalMinimumCount(f.statuses, f.energies, run.landscape)
  return {
    lead: f.lead,
    statusCounts: f.statusCounts,
    family: f.family,
    landscape: run.landscape,
    settings: run.settings[0],
    method: f.method,
    step: f.step,
    live: f.live,
    domain: run.domain,
    atGlobalMinimum,
  }
}

const MULLER_BROWN = atlas('muller-brown')
const MINUS = '\u2212'

describe('status line from real runs', () => {
  it('gradient descent from (0, 0.5) is stuck in the local minimum MC', () => {
    const { line } = lineOf(MULLER_BROWN, gd(1e-4, 0, 0.5), 2000)
    expect(line.lead).toBe(`stuck in local minimum U = ${MINUS}80.77 (global minimum is ${MINUS}146.70)`)
    expect(line.counts).toBeNull()
    expect(statusSentence(line)).toBe(`Stuck in local minimum U = ${MINUS}80.77 (global minimum is ${MINUS}146.70).`)
  })

  it('from (-0.5, 1.5) it reaches the global minimum MA', () => {
    expect(lineOf(MULLER_BROWN, gd(1e-4, -0.5, 1.5), 5000).line.lead).toBe(
      `reached the global minimum U = ${MINUS}146.70`,
    )
  })

  it('while it moves it says so, with U and |grad U|', () => {
    const { line, frame } = lineOf(MULLER_BROWN, gd(1e-4, 0, 0.5), 10)
    expect(frame.lead.status).toBe('running')
    expect(line.lead).toMatch(new RegExp(`^running: U = ${MINUS}80\\.\\d\\d, \\|grad U\\| = \\d+(\\.\\d+)?$`))
  })

  it('with lr 0.01 it diverges at step 3, above the stability limit where it started', () => {
    const { line, frame } = lineOf(MULLER_BROWN, gd(0.01, 0, 0.5), 50)
    expect(2 / frame.lead.startCurvature!).toBeCloseTo(1.2755e-3, 6)
    expect(line.lead).toBe(
      'diverged at step 3: learning rate 0.01 is above the stability limit 2/lambda_max = 1.28e-3 where it started',
    )
  })

  it('with lr 8e-4 near MA it oscillates: above the limit at MA, not enough to diverge', () => {
    // The walker is at one end of a 2-cycle across MA (lambda_max = 4068 there); the Hessian
    // where it stands would give a limit above lr, so the line uses the minimum's.
    const { line } = lineOf(MULLER_BROWN, gd(8e-4, -0.558, 1.44), 2000)
    expect(line.lead).toBe(
      'oscillating: the learning rate 8e-4 is between the local stability limit 2/lambda_max = 4.92e-4 ' +
        `(at the minimum U = ${MINUS}146.70) and divergence`,
    )
  })

  it('on the strict saddle, from the stable axis, it stops at the saddle', () => {
    expect(lineOf(atlas('strict-saddle'), gd(0.05, 1, 0), 500).line.lead).toBe(
      'stopped at a saddle point: the Hessian has one negative eigenvalue (U = 0.00)',
    )
  })

  it('on the ring it reaches the valley of minima (one eigenvalue zero)', () => {
    const { line, frame } = lineOf(atlas('ring'), gd(0.05, 0.5, 0.3), 2000)
    expect(frame.lead).toMatchObject({ status: 'minimum', label: 'global' })
    expect(line.lead).toBe('reached a valley of minima (a flat valley: one Hessian eigenvalue is zero), U = 0.00')
    expect(line.key).toContain('flat')
  })

  it(
    'Newton on Rosenbrock reaches the global minimum: ' +
      'ill-conditioned (eigenvalues 0.40 and 1001.6), not a flat valley',
    () => {
      const newton: LaneSpec = { method: 'newton', settings: {}, walkers: 1, start: { kind: 'point', x: -1.2, y: 1 } }
      const { line, frame } = lineOf(atlas('rosenbrock'), newton, 50)
      expect(frame.lead).toMatchObject({ status: 'minimum', label: 'global' })
      expect(line.lead).toBe('reached the global minimum U = 0.00')
    },
  )

  it('started on the top of the ring it stays at the maximum', () => {
    expect(lineOf(atlas('ring'), gd(0.05, 0, 0), 10).line.lead).toBe(
      'stopped at a maximum: both Hessian eigenvalues are negative (U = 1.00)',
    )
  })

  it('far out on a Gaussian well it is on a plateau, and says how much weaker the gradient is', () => {
    const surface: SurfaceSpec = {
      kind: 'formula',
      text: '1 - exp(-(x^2 + y^2))',
      parameters: {},
      domain: { xmin: -5, xmax: 5, ymin: -5, ymax: 5 },
    }
    const { line, frame } = lineOf(surface, gd(0.1, 3.5, 0), 1000)
    expect(frame.lead.status).toBe('plateau')
    // 2 * 3.5 * exp(-12.25) = 3.4e-5 against a typical 0.13.
    expect(line.lead).toBe(
      'on a plateau: the gradient is 3,900x weaker here than is typical on the domain (|grad U| = 3.43e-5)',
    )
  })

  it('with many walkers it counts them, global and local minima apart, as the engine labels them', () => {
    const lane: LaneSpec = {
      method: 'gd',
      settings: { lr: 1e-4 },
      walkers: 10,
      start: { kind: 'gaussian', x: -0.3, y: 0.8, sigma: 0.5 },
    }
    const { line, run, atGlobalMinimum } = lineOf(MULLER_BROWN, lane, 5000)
    expect(atGlobalMinimum).toBe(run.atGlobalMinimum[0])
    expect(line.lead).toBe(`walker 1: reached the global minimum U = ${MINUS}146.70`)
    expect(line.counts).toBe('6 of 10 walkers reached the global minimum, 4 stuck in local minima')
  })

  it('a sampler names its temperature', () => {
    const lane: LaneSpec = {
      method: 'baoab',
      settings: { kT: 20, dt: 2e-3, gamma: 5 },
      walkers: 50,
      start: { kind: 'point', x: 0, y: 0.5 },
    }
    const { line } = lineOf(MULLER_BROWN, lane, 1000)
    expect(line.lead).toMatch(/^sampling at kT = 20: walker 1 at U = \S+, \|grad U\| = \S+$/)
    expect(line.counts).toBeNull()
    expect(line.key).toBe('sampler:running::')
  })

  it('a sampler with too long a time step diverges; the line compares dt with 2/omega_max where it started', () => {
    const lane: LaneSpec = {
      method: 'baoab',
      settings: { kT: 20, dt: 0.05 },
      walkers: 4,
      start: { kind: 'point', x: 0, y: 0.5 },
    }
    const { line } = lineOf(MULLER_BROWN, lane, 100)
    // sqrt(2 * 2/1568) = 0.0505: just stable at the start, not where it went.
    // Where it was last seen the largest curvature is 1.9e13: the limit there is sqrt(2 * 2/1.9e13) = 4.6e-7.
    expect(line.lead).toBe(
      'walker 1 diverged at step 25: the time step dt = 0.05 is below the stability limit 2/omega_max = 0.0505 ' +
        'where it started, but the surface curves more steeply where it went (2/omega_max = 4.55e-7 there)',
    )
    expect(line.counts).toBe('all 4 walkers diverged')
  })

  it('overdamped Langevin compares h = dt/gamma with 2/lambda_max', () => {
    const lane: LaneSpec = {
      method: 'overdamped',
      settings: { kT: 20, dt: 0.01, gamma: 1 },
      walkers: 1,
      start: { kind: 'point', x: 0, y: 0.5 },
    }
    expect(lineOf(MULLER_BROWN, lane, 100).line.lead).toBe(
      'walker 1 diverged at step 2: the step h = dt/gamma = 0.01 is above the stability limit 2/lambda_max = 1.28e-3 ' +
        'where it started',
    )
  })
})

/** A lead walker by hand, for the branches no atlas run reaches reliably. */
function lead(overrides: Partial<LeadWalker>): LeadWalker {
  return {
    x: 0,
    y: 0,
    state: [0, 0],
    u: 0,
    gradNorm: 0,
    status: 'running',
    label: null,
    eigenvalues: [1, 2],
    divergedAt: null,
    divergedWith: null,
    startCurvature: 2,
    typicalGradient: 10,
    lowestOnDomain: NaN,
    rangeOnDomain: 1,
    degenerate: false,
    ...overrides,
  }
}

const landscape: Landscape = {
  minima: [
    { x: 0, y: 0, value: -2, kind: 'minimum', eigenvalues: [1, 4] },
    { x: 3, y: 0, value: -1, kind: 'minimum', eigenvalues: [1, 100] },
  ],
  names: ['M1', 'M2'],
  saddles: [],
}

/** A status input by hand; the live values are the lane's own at the step before `step`, as a frame carries them. */
function input(overrides: Partial<StatusInput>): StatusInput {
  const base = {
    lead: lead({}),
    statusCounts: [1, 0, 0, 0, 0, 0, 0],
    family: 'optimizer' as const,
    landscape,
    settings: resolved(gd(0.1, 0, 0)),
    method: 'gd',
    step: 100,
    ...overrides,
  }
  const lane = resolveLane(base.method, base.settings)
  if (!lane.ok) throw new Error('settings')
  return { live: liveValues(lane.lane, Math.max(0, (base.lead.divergedAt ?? base.step) - 1)), ...base }
}

/** A formula on [-2, 2]^2. */
const formula = (text: string): SurfaceSpec => ({
  kind: 'formula',
  text,
  parameters: {},
  domain: { xmin: -2, xmax: 2, ymin: -2, ymax: 2 },
})

describe('explanations that are true of the surface', () => {
  it('on x^2 - y^2 gradient descent runs off downhill: the surface has no bottom, whatever the learning rate', () => {
    // lr 0.1 is under 2/lambda_max = 1, but along y the curvature is -2: y grows by 1.2 a step, x shrinks by 0.8.
    // The run stops when |y| passes 2 + 10 * 4 = 42: y = 0.5 * 1.2^25 = 47.7; it was last seen at step 24,
    // y = 0.5 * 1.2^24 = 39.75, x = 0.8^24, U = x^2 - y^2 = -1579.94. The lowest U on [-2, 2]^2 is -4 at (0, +-2).
    const { line, frame } = lineOf(formula('x^2 - y^2'), gd(0.1, 1, 0.5), 500)
    expect(frame.lead.u).toBeCloseTo(0.8 ** 48 - (0.5 * 1.2 ** 24) ** 2, 6)
    expect(frame.lead.eigenvalues).toEqual([-2, 2])
    expect(line.lead).toBe(
      `diverged at step 24: it ran downhill off the domain to U = ${MINUS}1579.94 ` +
        `(lowest on the domain: ${MINUS}4.00; Hessian eigenvalue ${MINUS}2 there), and found no bottom`,
    )
    expect(line.lead).not.toContain('stability limit')
  })

  it('on x^2 - y^2 a sampler runs off downhill too, and says so', () => {
    const lane: LaneSpec = {
      method: 'baoab',
      settings: { kT: 1, dt: 0.01 },
      walkers: 1,
      start: { kind: 'point', x: 0, y: 0 },
    }
    const { line, frame } = lineOf(formula('x^2 - y^2'), lane, 3000)
    expect(frame.lead.status).toBe('diverged')
    expect(line.lead).toMatch(
      new RegExp(
        `^walker 1 diverged at step [\\d,]+: it ran downhill off the domain to U = ${MINUS}[\\d,.]+ ` +
          `\\(lowest on the domain: ${MINUS}4\\.00; Hessian eigenvalue ${MINUS}2 there\\), ` +
          'and found no bottom$',
      ),
    )
  })

  it('on the plane U = x it runs off downhill with no curvature at all: no stability limit is blamed', () => {
    // x falls by 0.1 a step from 1 until it passes -2 - 10 * 4 = -42; last seen at x = -41.9 (U = x).
    const { line } = lineOf(formula('x'), gd(0.1, 1, 0.5), 1000)
    expect(line.lead).toBe(
      `diverged at step 429: it ran downhill off the domain to U = ${MINUS}41.90 ` +
        `(lowest on the domain: ${MINUS}2.00), and found no bottom`,
    )
  })

  it('on U = 5 it is flat everywhere: every point is a critical point', () => {
    const { line, frame } = lineOf(formula('5'), gd(0.1, 1, 0.5), 500)
    expect(frame.lead).toMatchObject({ gradNorm: 0, eigenvalues: [0, 0], rangeOnDomain: 0 })
    expect(line.lead).toBe(
      'on flat ground: U = 5.00 all over the domain, so |grad U| = 0 and every point is a critical point; ' +
        'nothing moves the walker',
    )
    expect(line.lead).not.toContain('not a critical point')
  })

  it('far out on exp(-r^2), where |grad U| underflows to 0, it is on flat ground: not called "not critical"', () => {
    // At r = 30, |grad U| = 60 exp(-900), below the smallest double: exactly 0, and so is the Hessian.
    const surface: SurfaceSpec = {
      kind: 'formula',
      text: '1 - exp(-(x^2 + y^2))',
      parameters: {},
      domain: { xmin: -40, xmax: 40, ymin: -40, ymax: 40 },
    }
    const { line, frame } = lineOf(surface, gd(0.1, 30, 0), 300)
    expect(frame.lead).toMatchObject({ status: 'plateau', gradNorm: 0 })
    expect(frame.lead.rangeOnDomain).toBeGreaterThan(0.99)
    expect(line.lead).toBe(
      'on flat ground: |grad U| = 0 and the surface barely curves here, so nothing moves the walker (U = 1.00)',
    )
  })

  it('on x^2 - y^2 from the stable axis it stops at the saddle, the one critical point', () => {
    expect(lineOf(formula('x^2 - y^2'), gd(0.1, 1, 0), 500).line.lead).toBe(
      'stopped at a saddle point: the Hessian has one negative eigenvalue (U = 0.00)',
    )
  })
})

describe('status line by hand', () => {
  it('a flat saddle (a monkey saddle: zero Hessian) and a flat ridge of maxima', () => {
    expect(statusLine(input({ lead: lead({ status: 'saddle', eigenvalues: [0, 0], degenerate: true }) })).lead).toBe(
      'stopped at a flat saddle: a Hessian eigenvalue is zero, so there is no clear way down (U = 0.00)',
    )
    expect(
      statusLine(input({ lead: lead({ status: 'maximum', eigenvalues: [-3, -1e-9], degenerate: true }) })).lead,
    ).toBe('stopped on a flat ridge of maxima: one Hessian eigenvalue is zero (U = 0.00)')
  })

  it('a minimum without known minima, and a local one without a landscape', () => {
    expect(statusLine(input({ lead: lead({ status: 'minimum', u: 0.5 }), landscape: null })).lead).toBe(
      'reached a minimum U = 0.50',
    )
    expect(statusLine(input({ lead: lead({ status: 'minimum', label: 'local', u: 0.5 }), landscape: null })).lead).toBe(
      'stuck in a local minimum U = 0.50',
    )
    expect(
      statusLine(
        input({ lead: lead({ status: 'minimum', label: 'local', u: -1, eigenvalues: [1e-9, 8], degenerate: true }) }),
      ).lead,
    ).toBe(
      'reached a valley of minima (a flat valley: one Hessian eigenvalue is zero), ' +
        `U = ${MINUS}1.00 (global minimum is ${MINUS}2.00)`,
    )
  })

  it('a plateau without a typical gradient speaks of |grad U| alone', () => {
    expect(statusLine(input({ lead: lead({ status: 'plateau', gradNorm: 1e-4, typicalGradient: NaN }) })).lead).toBe(
      'on a plateau: the gradient is nearly zero here (|grad U| = 1e-4), though this is not a critical point',
    )
    expect(statusLine(input({ lead: lead({ status: 'plateau', gradNorm: 0.01, typicalGradient: 10 }) })).lead).toBe(
      'on a plateau: the gradient is 1,000x weaker here than is typical on the domain (|grad U| = 0.01)',
    )
  })

  it('oscillation that the stability limit does not explain is described, not explained', () => {
    // lr 0.1 is under 2/4 at the nearest minimum; Adam's step has no such limit.
    const oscillating = lead({ status: 'oscillating', x: 0.1, u: -1.9, gradNorm: 0.4 })
    const expected = `oscillating: going back and forth without settling (U = ${MINUS}1.90, |grad U| = 0.4)`
    expect(statusLine(input({ lead: oscillating })).lead).toBe(expected)
    expect(
      statusLine(
        input({
          lead: oscillating,
          method: 'adam',
          settings: resolved({ method: 'adam', settings: { lr: 1 }, walkers: 1, start: { kind: 'uniform' } }),
        }),
      ).lead,
    ).toBe(expected)
    // Nearest minimum is the stiff one at (3, 0): 2/100 = 0.02 < 0.1.
    expect(statusLine(input({ lead: { ...oscillating, x: 2.9 } })).lead).toBe(
      'oscillating: the learning rate 0.1 is between the local stability limit 2/lambda_max = 0.02 ' +
        `(at the minimum U = ${MINUS}1.00) and divergence`,
    )
  })

  it('the nearest minimum is found across the edge of a periodic domain', () => {
    const periodic = { xmin: -4, xmax: 4, ymin: -4, ymax: 4, periodic: true }
    // At x = -3.9 the minimum at x = 3 is 1.1 away through the edge; the one at 0 is 3.9 away.
    const line = statusLine(input({ lead: lead({ status: 'oscillating', x: -3.9 }), domain: periodic }))
    expect(line.lead).toContain('2/lambda_max = 0.02')
  })

  it(
    'divergence below the starting limit blames the curvature met on the way; ' +
      'a schedule gives the rate at that step',
    () => {
      // Last seen where lambda_max = 40: the limit there is 2/40 = 0.05, under the learning rate.
      const diverged = lead({ status: 'diverged', divergedAt: 120, startCurvature: 4, eigenvalues: [1, 40] })
      expect(statusLine(input({ lead: diverged })).lead).toBe(
        'diverged at step 120: learning rate 0.1 is below the stability limit 2/lambda_max = 0.5 where it started, ' +
          'but the surface curves more steeply where it went (2/lambda_max = 0.05 there)',
      )
      // Last seen where lambda_max = 2 (limit 1): the curvature does not explain it, and the line does not claim so.
      expect(statusLine(input({ lead: { ...diverged, eigenvalues: [1, 2] } })).lead).toBe(
        'diverged at step 120: learning rate 0.1 is below the stability limit 2/lambda_max = 0.5 where it started ' +
          'and where it was last seen; it ran far off the domain or met a value that is not finite',
      )
      // lr 10 decayed tenfold every 100 steps is 1 at step 120, above 0.5.
      const decaying = resolved({
        method: 'gd',
        settings: { lr: 10, schedule: 'step', decay: 0.1, period: 100 },
        walkers: 1,
        start: { kind: 'uniform' },
      })
      expect(statusLine(input({ lead: diverged, settings: decaying })).lead).toBe(
        'diverged at step 120: learning rate 1 is above the stability limit 2/lambda_max = 0.5 where it started',
      )
    },
  )

  it('divergence of another optimizer, or from a concave start, is told without a limit', () => {
    const adam = resolved({ method: 'adam', settings: { lr: 2 }, walkers: 1, start: { kind: 'uniform' } })
    const diverged = lead({ status: 'diverged', divergedAt: 7 })
    expect(statusLine(input({ lead: diverged, method: 'adam', settings: adam })).lead).toBe(
      'diverged at step 7: it ran far off the domain or met a value that is not finite (learning rate 2)',
    )
    expect(statusLine(input({ lead: { ...diverged, startCurvature: null } })).lead).toBe(
      'diverged at step 7: it ran far off the domain or met a value that is not finite (learning rate 0.1)',
    )
    const mala = resolved({ method: 'mala', settings: { kT: 1 }, walkers: 1, start: { kind: 'uniform' } })
    expect(statusLine(input({ lead: diverged, family: 'sampler', method: 'mala', settings: mala })).lead).toBe(
      'walker 1 diverged at step 7: it ran far off the domain or met a value that is not finite',
    )
  })

  it('an annealing sampler gives the temperature now', () => {
    const settings = resolved({
      method: 'baoab',
      settings: { kT: 1, anneal: 'linear', kTEnd: 0.1, annealSteps: 1000 },
      walkers: 1,
      start: { kind: 'uniform' },
    })
    expect(
      statusLine(input({ family: 'sampler', method: 'baoab', settings, step: 501, lead: lead({ u: 1, gradNorm: 2 }) }))
        .lead,
    ).toBe('annealing, now at kT = 0.55: walker 1 at U = 1.00, |grad U| = 2')
  })

  it('counts list the largest group first, in singular or plural, and all of them when they agree', () => {
    const many = (statusCounts: number[], atGlobalMinimum: number | null = null) =>
      statusLine(input({ statusCounts, atGlobalMinimum })).counts
    expect(many([0, 10, 0, 0, 0, 0, 0], 3)).toBe('7 of 10 walkers stuck in local minima, 3 reached the global minimum')
    expect(many([0, 10, 0, 0, 0, 0, 0], 9)).toBe(
      '9 of 10 walkers reached the global minimum, 1 stuck in a local minimum',
    )
    expect(many([0, 10, 0, 0, 0, 0, 0], 10)).toBe('all 10 walkers reached the global minimum')
    expect(many([0, 4, 0, 0, 0, 0, 0])).toBe('all 4 walkers at minima')
    expect(many([2, 1, 1, 1, 2, 1, 2])).toBe(
      '2 of 10 walkers still running, 2 on plateaus, 2 diverged, 1 at a minimum, 1 stopped at a saddle point, ' +
        '1 stopped at a maximum, 1 oscillating',
    )
    expect(many([1200, 0, 0, 0, 0, 0, 0])).toBe('all 1,200 walkers still running')
    expect(many([1, 0, 0, 0, 0, 0, 0])).toBeNull()
  })

  it('the key follows what walker 0 does, not its numbers', () => {
    const a = statusLine(input({ lead: lead({ u: 1 }) }))
    const b = statusLine(input({ lead: lead({ u: 2 }) }))
    const c = statusLine(input({ lead: lead({ status: 'minimum', label: 'local' }) }))
    expect(a.key).toBe(b.key)
    expect(a.lead).not.toBe(b.lead)
    expect(c.key).not.toBe(a.key)
  })
})

describe('globalMinimumCount', () => {
  it('counts walkers at a minimum whose float32 energy is the lowest minimum', () => {
    const statuses = Uint8Array.of(1, 1, 1, 0)
    const energies = Float32Array.of(-2.0000001, -1, -2, -2)
    expect(globalMinimumCount(statuses, energies, landscape)).toBe(2)
    expect(globalMinimumCount(statuses, energies, { minima: [], names: [], saddles: [] })).toBeNull()
    expect(globalMinimumCount(statuses, energies, null)).toBeNull()
  })
})

describe('a sampler with its basins counted', () => {
  it(
    'on Rastrigin it sums up 121 basins: how many it visited, and its time in the global basin ' +
      'against the exact Boltzmann share',
    () => {
      const lane: LaneSpec = {
        method: 'baoab',
        settings: { kT: 20, dt: 0.01 },
        walkers: 50,
        start: { kind: 'point', x: 0, y: 0 },
      }
      const run = simulate(atlas('rastrigin'), [lane], 2000)
      const f = run.frames[0]
      const summary = f.sampling!.summary
      // U is a sum of f(x) = x^2 - 10 cos(2 pi x) and f(y) (plus 20), so the basin of (0, 0) under gradient
      // flow is the square between the maxima of f at +-a, and its Boltzmann share is the square of f's.
      const kT = 20
      const f1 = (x: number) => x * x - 10 * Math.cos(2 * Math.PI * x)
      let a = 0.5
      for (let k = 0; k < 50; k++)
        a -= (2 * a + 20 * Math.PI * Math.sin(2 * Math.PI * a)) / (2 + 40 * Math.PI ** 2 * Math.cos(2 * Math.PI * a))
      const simpson = (lo: number, hi: number, n = 20000) => {
        const h = (hi - lo) / n
        let sum = 0
        for (let i = 0; i <= n; i++) sum += (i === 0 || i === n ? 1 : i % 2 ? 4 : 2) * Math.exp(-f1(lo + i * h) / kT)
        return (sum * h) / 3
      }
      const exact = (simpson(-a, a) / simpson(-5.12, 5.12)) ** 2
      expect(exact).toBeCloseTo(0.0197, 4)
      expect(summary.basins).toHaveLength(121)
      expect(summary.basins[0]!.exact).toBeCloseTo(exact, 3)
      const line = statusLine({ ...lineInput(run), basins: summary.basins, consistent: summary.check.consistent })
      const visited = summary.basins.filter((b) => b.sampled > 0).length
      const sampled = Math.round(100 * summary.basins[0]!.sampled)
      expect(line.lead).toBe(
        `sampling at kT = 20: visited ${visited} of 121 basins; ${sampled}% of the time in M1, the global basin ` +
          `(Boltzmann: 2%)${summary.check.consistent === false ? '; not consistent with exact sampling' : ''}`,
      )
      // One sentence of a line or two, not a list of 121 energies.
      expect(statusSentence(line).length).toBeLessThan(150)
    },
  )

  it('says which basins it has visited and how its time in the global basin compares with the Boltzmann share', () => {
    const settings = resolved({
      method: 'baoab',
      settings: { kT: 20 },
      walkers: 10,
      start: { kind: 'point', x: 0, y: 0 },
    })
    const basins = [
      { sampled: 0.41, exact: 0.806 },
      { sampled: 0.36, exact: 0.128 },
    ]
    const line = statusLine(input({ family: 'sampler', method: 'baoab', settings, lead: lead({ u: 1 }), basins }))
    expect(line.lead).toBe(
      'sampling at kT = 20: visited all 2 basins; 41% of the time in M1, the global basin (Boltzmann: 81%)',
    )
    const once = statusLine(
      input({
        family: 'sampler',
        method: 'baoab',
        settings,
        lead: lead({ u: 1 }),
        basins: [
          { sampled: 1, exact: 0.806 },
          { sampled: 0, exact: 0.128 },
        ],
      }),
    )
    expect(once.lead).toBe(
      'sampling at kT = 20: visited 1 of 2 basins; 100% of the time in M1, the global basin (Boltzmann: 81%)',
    )
    // A symmetric double well has two global basins: their shares add up; a share under 0.5% is not 0%.
    const twin: Landscape = {
      minima: [
        { x: -1, y: 0, value: -1, kind: 'minimum', eigenvalues: [2, 8] },
        { x: 1, y: 0, value: -1, kind: 'minimum', eigenvalues: [2, 8] },
        { x: 0, y: 3, value: 5, kind: 'minimum', eigenvalues: [2, 8] },
      ],
      names: ['M1', 'M2', 'M3'],
      saddles: [],
    }
    const shares = [
      { sampled: 0.3, exact: 0.498 },
      { sampled: 0.698, exact: 0.498 },
      { sampled: 0.002, exact: 0.004 },
    ]
    expect(
      statusLine(
        input({ family: 'sampler', method: 'baoab', settings, lead: lead({ u: 1 }), basins: shares, landscape: twin }),
      ).lead,
    ).toBe(
      'sampling at kT = 20: visited all 3 basins; >99% of the time in M1 and M2, the 2 global basins (Boltzmann: >99%)',
    )
    // Every basin equally deep: they hold all the time between them; the most visited one is named instead.
    expect(
      statusLine(
        input({
          family: 'sampler',
          method: 'baoab',
          settings,
          lead: lead({ u: 1 }),
          basins: [
            { sampled: 0.3, exact: 0.5 },
            { sampled: 0.7, exact: 0.5 },
          ],
          landscape: { minima: twin.minima.slice(0, 2), names: twin.names.slice(0, 2), saddles: [] },
        }),
      ).lead,
    ).toBe('sampling at kT = 20: visited all 2 basins; 70% of the time in M2, the most visited basin (Boltzmann: 50%)')
    expect(
      statusLine(
        input({
          family: 'sampler',
          method: 'baoab',
          settings,
          lead: lead({ u: 1 }),
          basins: [shares[2]!, { sampled: 0.998, exact: 0.996 }],
        }),
      ).lead,
    ).toBe('sampling at kT = 20: visited all 2 basins; <1% of the time in M1, the global basin (Boltzmann: <1%)')
  })

  it('says up to which step the shares were measured when that is not the step shown', () => {
    const settings = resolved({
      method: 'baoab',
      settings: { kT: 20 },
      walkers: 10,
      start: { kind: 'point', x: 0, y: 0 },
    })
    const basins = [
      { sampled: 0.41, exact: 0.806 },
      { sampled: 0.36, exact: 0.128 },
    ]
    const at = (step: number, basinsStep: number) =>
      statusLine(
        input({ family: 'sampler', method: 'baoab', settings, lead: lead({ u: 1 }), basins, step, basinsStep }),
      ).lead
    expect(at(4030, 3500)).toMatch(/; 41% of the time up to step 3,500 in M1, the global basin /)
    expect(at(4030, 4030)).toMatch(/; 41% of the time in M1, the global basin /)
  })
})

describe('on every atlas surface', () => {
  // At 1280 px the status strip is 911 px wide: about 115 characters of its 0.88 rem type a line, and the lane's
  // name ("Lane B, Langevin (BAOAB): ") takes 26 of the first. 200 characters of sentence keep a lane to two lines.
  const LONGEST = 200
  it.each(ATLAS.map((s) => s.id))(
    '%s: gradient descent and a sampler, each in a sentence of two lines at most',
    (id) => {
      const entry = ATLAS.find((s) => s.id === id)!
      const d = entry.domain
      const start = {
        kind: 'point' as const,
        x: d.xmin + 0.6 * (d.xmax - d.xmin),
        y: d.ymin + 0.63 * (d.ymax - d.ymin),
      }
      const kT = Number(Math.sqrt(entry.kT[0] * entry.kT[1]).toPrecision(2))
      const lanes: LaneSpec[] = [
        { method: 'gd', settings: { lr: entry.learningRate }, walkers: 1, start },
        { method: 'baoab', settings: { kT, dt: entry.dt }, walkers: 100, start },
      ]
      const run = simulate(atlas(id), lanes, 1500)
      run.frames.forEach((f, k) => {
        const summary = f.sampling?.summary ?? null
        const sentence = statusSentence(
          statusLine({
            lead: f.lead,
            statusCounts: f.statusCounts,
            family: f.family,
            landscape: run.landscape,
            settings: run.settings[k]!,
            method: f.method,
            step: f.step,
            live: f.live,
            domain: run.domain,
            atGlobalMinimum: globalMinimumCount(f.statuses, f.energies, run.landscape),
            basins: summary?.basins ?? null,
            consistent: summary?.check.consistent ?? null,
          }),
        )
        expect(sentence.length, sentence).toBeLessThanOrEqual(LONGEST)
      })
    },
  )
})

describe('a divergence from a start where the surface curves down', () => {
  it('blames the learning rate against the limit where the walker was last seen', () => {
    // Müller-Brown's default start (-0.2, 1) is on a slope that curves down: no limit there. Gradient descent at
    // lr = 0.01 bounces to (-1.01, 1.29) and is thrown off the map at step 4.
    const fast: LaneSpec = { method: 'gd', settings: { lr: 0.01 }, walkers: 1, start: { kind: 'point', x: -0.2, y: 1 } }
    const { line, frame } = lineOf(atlas('muller-brown'), fast, 20)
    expect(frame.lead.startCurvature).toBeNull()
    const lambda = frame.lead.eigenvalues[1]
    expect(lambda).toBeGreaterThan(2 / 0.01)
    expect(line.lead).toBe(
      'diverged at step 4: learning rate 0.01 is above the stability limit ' +
        `2/lambda_max = ${formatSignificant(2 / lambda)} where it was last seen ` +
        '(the surface curves downward where it started)',
    )
  })
})

import { describe, expect, it } from 'vitest'
import { atlas, testLane } from '../../../testing/test-lane'

/**
 * The counter-based noise is indexed by (walker, step, stream), so a run is the same
 * bit for bit however it is chunked: 1000 calls of one step or one call of 1000.
 * Müller-Brown at kT = 20, dt = 0.002, 8 walkers around MA; a third run with another
 * seed must differ (the noise is really used).
 */
const SETTINGS: Record<string, Record<string, number>> = {
  obabo: { gamma: 10 },
  bussi: { tau: 0.1 },
  'nose-hoover-chain': { tau: 0.1 },
  andersen: { nu: 10 },
}

function lane(method: string, seed: number) {
  return testLane({
    surface: atlas('muller-brown').surface,
    method,
    settings: { kT: 20, dt: 0.002, ...SETTINGS[method] },
    start: { kind: 'gaussian', x: -0.558, y: 1.442, sigma: 0.05 },
    walkers: 8,
    seed,
  })
}

/** Positions and velocities as their raw 64-bit patterns: equal means bit-identical. */
const state = (l: ReturnType<typeof lane>) =>
  [l.walkers.x, l.walkers.y, l.walkers.vx, l.walkers.vy].map((a) =>
    Array.from(new Uint32Array(a.buffer, a.byteOffset, 2 * a.length)),
  )

describe.each(Object.keys(SETTINGS))('%s is reproducible', (method) => {
  it('gives bit-identical walkers for 1000 x 1 step and 1 x 1000 steps', () => {
    const stepwise = lane(method, 41)
    for (let k = 0; k < 1000; k++) stepwise.advance(1)
    const chunked = lane(method, 41)
    chunked.advance(1000)
    const other = lane(method, 42)
    other.advance(1000)
    expect(state(stepwise)).toEqual(state(chunked))
    expect(state(other)).not.toEqual(state(chunked))
    expect(Array.from(stepwise.walkers.status)).toEqual(Array.from(chunked.walkers.status))
  })
})

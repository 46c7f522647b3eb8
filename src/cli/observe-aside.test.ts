import { pathToFileURL } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { build, isFresh, WORKER } from '../../scripts/build-cli.mjs'
import { buildLane } from '../core/scenario/build'
import type { LaneSpec } from '../core/scenario/types'
import type { SurfaceSpec } from '../core/scenario/types'
import { compileSurfaceSpec } from './inputs'
import { startObserving, type ObservedRun } from './observe-aside'

/**
 * The observer thread of `landscape sample` must give the numbers the inline
 * observer gives, bit for bit: same histogram, basins, autocorrelation times and
 * verdict. The ring has 3 slots here, so that the main thread waits on the
 * worker and each slot is reused hundreds of times.
 */
const WORKER_URL = pathToFileURL(WORKER)

beforeAll(async () => {
  if (!isFresh()) await build({ logLevel: 'silent' })
}, 120_000)

async function observeRun(
  spec: SurfaceSpec,
  laneSpec: LaneSpec,
  steps: number,
  where: 'inline' | 'aside',
): Promise<{ run: ObservedRun; where: string }> {
  const input = compileSurfaceSpec(spec)
  const surface = input.compiled
  const lane = buildLane(surface, laneSpec, 7)
  const observing = startObserving(
    {
      surface,
      known: input.atlas?.points ?? [],
      kT: lane.live(0).kT!,
      walkers: lane.walkers.n,
      steps,
      countsEvery: lane.countsEvery,
      unitIsWalker: lane.unitIsWalker,
      options: { bins: [12, 10], transitions: false, units: lane.units, notBoltzmann: null, firstStep: 0 },
    },
    where === 'aside' ? { where, worker: WORKER_URL, slots: 3 } : { where },
  )
  for (let t = 0; t < steps; t++) {
    lane.advance(1)
    observing.observe(lane)
  }
  return { run: await observing.finish(lane.live().kT!, 7), where: observing.where }
}

describe('observing a run in a worker thread', () => {
  const mullerBrown: SurfaceSpec = { kind: 'atlas', id: 'muller-brown', parameters: {} }

  it('gives what the inline observer gives, bit for bit (BAOAB: every walker counts, each its own unit)', async () => {
    const lane: LaneSpec = {
      method: 'baoab',
      settings: { kT: 20, dt: 0.002, gamma: 5 },
      walkers: 40,
      start: { kind: 'point', x: -0.558, y: 1.442 },
    }
    const inline = await observeRun(mullerBrown, lane, 3000, 'inline')
    const aside = await observeRun(mullerBrown, lane, 3000, 'aside')
    expect(aside.where).toBe('aside')
    expect(inline.where).toBe('inline')
    expect(inline.run.histogram.counts.flat().reduce((a, b) => a + b, 0)).toBeGreaterThan(0)
    expect(aside.run).toEqual(inline.run)
    // The basins by the names the page gives Müller-Brown's minima (Müller & Brown 1979), lowest first.
    expect(aside.run.names).toEqual(['MA', 'MB', 'MC'])
  })

  it('copies which walkers count and their units each step (parallel tempering)', async () => {
    const lane: LaneSpec = {
      method: 'parallel-tempering',
      settings: { kT: 15, kTMax: 60, replicas: 4, swapEvery: 5 },
      walkers: 32,
      start: { kind: 'point', x: -0.558, y: 1.442 },
    }
    const inline = await observeRun(mullerBrown, lane, 2000, 'inline')
    const aside = await observeRun(mullerBrown, lane, 2000, 'aside')
    // Only rung 0 counts: a quarter of the walker-steps, in the domain or outside it.
    const { counts, outside } = inline.run.histogram
    expect(counts.flat().reduce((a, b) => a + b, 0) + outside).toBe((32 / 4) * 2000)
    expect(aside.run).toEqual(inline.run)
  })

  it('reports a failure in the worker to the thread that integrates, without hanging', async () => {
    // Options the worker's observer refuses (transitions need the landscape, which the CLI's observer lacks):
    // its error reaches observe() or finish(), whichever comes first.
    const surface = compileSurfaceSpec(mullerBrown).compiled
    const lane = buildLane(
      surface,
      { method: 'baoab', settings: { kT: 20 }, walkers: 10, start: { kind: 'point', x: 0, y: 0 } },
      1,
    )
    const observing = startObserving(
      {
        surface,
        known: [],
        kT: 20,
        walkers: 10,
        steps: 100_000,
        countsEvery: true,
        unitIsWalker: true,
        options: { transitions: {} },
      },
      { where: 'aside', worker: WORKER_URL },
    )
    const failure = (async () => {
      for (let t = 0; t < 100_000; t++) {
        lane.advance(1)
        observing.observe(lane)
      }
      return observing.finish(20, 1)
    })()
    await expect(failure).rejects.toThrow(/observing the run failed: .*needs the landscape/)
    observing.cancel()
  })
})

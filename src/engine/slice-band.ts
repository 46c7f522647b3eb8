import type { Network } from '../core/training/network'
import { lossSlice } from '../core/training/slice'
import type { Call } from './protocol'
import type { Handlers } from './serve'
import { networkKey, setupNetwork } from './training-network'
import type { LossSliceAnswer, SlicePlaneAnswer, TrainingSetup } from './training-protocol'

/**
 * A slice's grid shared among workers: the training worker builds the plane (slicePlane), and each
 * of several band workers computes a band of the grid's rows with its own copy of the network
 * (built from the setup, the same bits as the training worker's). Every row is the one the whole
 * grid has there, bit for bit (core/training/slice.ts), so the joined grid does not depend on how
 * many workers shared it.
 */

/** The plane as a band worker needs it. */
export type BandPlane = Pick<SlicePlaneAnswer, 'na' | 'nb' | 'a' | 'b' | 'origin' | 'd' | 'e'>

export interface SliceBandRequest {
  setup: TrainingSetup
  plane: BandPlane
  /** Rows j0 <= j < j1 of the grid. */
  rows: [number, number]
}

export interface SliceBandAnswer {
  rows: [number, number]
  /** values[(j - j0) na + i]. */
  values: Float64Array
}

export interface SliceBandService {
  /** Builds the setup's network ahead of the first slice, so that it does not wait for it. */
  prepare: Call<{ setup: TrainingSetup }, null>
  rows: Call<SliceBandRequest, SliceBandAnswer>
}

/** Rows j0 <= j < j1 of the plane's grid, on the given network. */
export function sliceRows(network: Network, plane: BandPlane, rows: readonly [number, number]): Float64Array {
  return lossSlice(network, plane.origin, plane.d, plane.e, {
    grid: [plane.na, plane.nb],
    a: plane.a,
    b: plane.b,
    rows,
  }).values
}

/** The rows of nb split into at most `parts` bands of nearly equal size, in order (none empty). */
export function bandRows(nb: number, parts: number): [number, number][] {
  const k = Math.max(1, Math.min(nb, Math.floor(parts)))
  return Array.from({ length: k }, (_, i) => [Math.floor((i * nb) / k), Math.floor(((i + 1) * nb) / k)])
}

/** The plane and its bands (in row order, covering every row) as one slice. */
export function joinSlice(plane: SlicePlaneAnswer, bands: Float64Array[], ms: number): LossSliceAnswer {
  const values = new Float64Array(plane.na * plane.nb)
  let at = 0
  for (const band of bands) {
    values.set(band, at)
    at += band.length
  }
  if (at !== values.length) throw new Error(`the slice's bands hold ${at} values, not ${values.length}`)
  let min = Infinity
  let max = -Infinity
  for (const v of values) {
    if (v < min) min = v
    if (v > max) max = v
  }
  return {
    kind: plane.kind,
    walker: plane.walker,
    step: plane.step,
    na: plane.na,
    nb: plane.nb,
    a: plane.a,
    b: plane.b,
    values,
    min: min === Infinity ? NaN : min,
    max: max === -Infinity ? NaN : max,
    path: plane.path,
    note: plane.note,
    ms,
    workers: bands.length,
  }
}

/** A band worker's handlers: the network of the last setup is kept for the next request. */
export function sliceBandHandlers(): Handlers<SliceBandService> {
  let key = ''
  let network: Network | null = null
  const networkOf = (setup: TrainingSetup): Network => {
    const wanted = networkKey(setup)
    if (network === null || wanted !== key) {
      network = setupNetwork(setup)
      key = wanted
    }
    return network
  }
  return {
    prepare({ setup }) {
      networkOf(setup)
      return null
    },
    rows({ setup, plane, rows }, context) {
      const values = sliceRows(networkOf(setup), plane, rows)
      context.transfer([values.buffer as ArrayBuffer])
      return { rows, values }
    },
  }
}

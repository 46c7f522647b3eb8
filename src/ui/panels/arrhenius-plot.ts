import type { ArrheniusFit } from '../../core/landscape/rates'
import type { SweepRate } from '../../core/studies/sweep'
import { axisScale, type AxisScale } from './chart-scale'

/**
 * The Arrhenius plot of a sweep as pixels: ln k against beta = 1/kT, so that
 * k = A exp(-dE/kT) is the straight line ln k = ln A - dE beta and its slope is
 * minus the barrier. Pure, so it is tested in Node; ArrheniusPlot.svelte only draws it.
 */

export interface PlotBox {
  width: number
  height: number
  margin: { left: number; right: number; top: number; bottom: number }
}

/** One temperature of the sweep in plot units (natural logs of rates per unit time). */
export interface ArrheniusPoint {
  kT: number
  beta: number
  transitions: number
  /** ln k, null when no crossing was seen (k = 0). */
  lnRate: number | null
  /** ln of the 95% interval's ends; lnLow is null when the interval reaches 0. */
  lnLow: number | null
  lnHigh: number | null
  /** ln of the rate theory's prediction, null when the method has none. */
  lnTheory: number | null
}

const ln = (v: number): number | null => (v > 0 && Number.isFinite(v) ? Math.log(v) : null)

export function arrheniusPoints(rates: readonly SweepRate[]): ArrheniusPoint[] {
  return rates.map((r) => ({
    kT: r.kT,
    beta: 1 / r.kT,
    transitions: r.transitions,
    lnRate: r.transitions > 0 ? ln(r.rate) : null,
    lnLow: ln(r.rateLow),
    lnHigh: ln(r.rateHigh),
    lnTheory: r.theory === null ? null : ln(r.theory),
  }))
}

/** ln k of the fitted line at beta: ln A - dE beta. */
export function fittedLnRate(fit: ArrheniusFit, beta: number): number {
  return Math.log(fit.prefactor) - fit.barrier * beta
}

/**
 * [min, max] of the values, widened by `pad` of its length on each side (or by `pad` of the value
 * when all are equal).
 */
function paddedRange(values: readonly number[], pad: number): [number, number] | null {
  if (values.length === 0) return null
  const min = Math.min(...values)
  const max = Math.max(...values)
  const room = max > min ? pad * (max - min) : pad * Math.max(Math.abs(min), 1)
  return [min - room, max + room]
}

export interface ArrheniusLayout {
  x: AxisScale
  y: AxisScale
  /** Each temperature in pixels: the measured point (or, with no crossing, the upper bound) and its theory. */
  points: {
    kT: number
    px: number
    /** The measured ln k, or null when there was no crossing. */
    py: number | null
    /** Error bar ends (py of lnLow, lnHigh); the low end sits on the axis when the interval reaches 0. */
    barLow: number | null
    barHigh: number | null
    theory: number | null
  }[]
  /** The fitted line across the plot, or null without a fit. */
  fit: { x1: number; y1: number; x2: number; y2: number } | null
}

/** Scales and pixel positions of a sweep's plot in `box`; null when nothing can be drawn. */
export function arrheniusLayout(
  rates: readonly SweepRate[],
  fit: ArrheniusFit | null,
  box: PlotBox,
): ArrheniusLayout | null {
  const points = arrheniusPoints(rates)
  const xRange = paddedRange(
    points.map((p) => p.beta),
    0.08,
  )
  if (!xRange) return null
  const values: number[] = []
  for (const p of points) for (const v of [p.lnRate, p.lnLow, p.lnHigh, p.lnTheory]) if (v !== null) values.push(v)
  if (fit) values.push(fittedLnRate(fit, xRange[0]), fittedLnRate(fit, xRange[1]))
  const yRange = paddedRange(values, 0.06)
  if (!yRange) return null
  const { width, height, margin } = box
  const x = axisScale(xRange, [margin.left, width - margin.right], false, 4)
  const y = axisScale(yRange, [height - margin.bottom, margin.top], false, 4)
  const bottom = height - margin.bottom
  return {
    x,
    y,
    points: points.map((p) => ({
      kT: p.kT,
      px: x.at(p.beta),
      py: p.lnRate === null ? null : y.at(p.lnRate),
      barLow: p.lnLow === null ? (p.lnHigh === null ? null : bottom) : y.at(p.lnLow),
      barHigh: p.lnHigh === null ? null : y.at(p.lnHigh),
      theory: p.lnTheory === null ? null : y.at(p.lnTheory),
    })),
    fit: fit && {
      x1: x.at(xRange[0]),
      y1: y.at(fittedLnRate(fit, xRange[0])),
      x2: x.at(xRange[1]),
      y2: y.at(fittedLnRate(fit, xRange[1])),
    },
  }
}

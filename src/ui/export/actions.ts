import { VERSION } from '../../core/version'
import { recordAnimation, type Progress } from './animation'
import type { AnimationPlan } from './animation-plan'
import { chartSVG } from './chart-svg'
import { basinsCSV, dataJSON, histogramsCSV, positionsCSV, tracesCSV, trajectoriesCSV, type DataHeader } from './data'
import { sessionPredictions } from '../experiments/predictions.svelte'
import { exportFileName } from './file-name'
import { figureInput } from './figure-input'
import { gifEncoder } from './gif'
import type { PageChart } from './page-charts'
import { pngBlob, rasterise } from './raster'
import type { ExportSnapshot } from './snapshot'
import { figureSVG } from './svg-figure'
import { mapImage, surfaceImage } from './view-images'

/**
 * What each item of the export menu makes from a snapshot: a file's contents
 * and its name. This module (with the figure builder and d3-contour) is loaded
 * the first time something is exported; the GIF encoder only when an animation
 * is asked for.
 */
export interface ExportFile {
  blob: Blob
  name: string
}

/** A view of the page: the contour map, the 3D surface, or a lane panel's chart. */
export type ViewTarget = { kind: 'map' } | { kind: '3d' } | { kind: 'chart'; chart: PageChart }

export type DataKind = 'trajectories' | 'positions' | 'histograms' | 'basins' | 'traces' | 'json'

function name(s: ExportSnapshot, what: string, extension: string, scale?: number, step = s.step): string {
  return exportFileName({ surface: s.state.scenario.surface, what, step, date: s.date, scale, extension })
}

/** The 2D view alone gets a wider map than each of the figure's side-by-side maps. */
const MAP_WIDTH = 440

const svgBlob = (svg: string) => new Blob([svg], { type: 'image/svg+xml' })
const grids = (s: ExportSnapshot) => s.overlays.map((layer) => layer.grid)
const layerSource = (s: ExportSnapshot) => ({ frames: s.frames, colours: s.colours, domain: s.view.domain })

function chartSlug(chart: PageChart): string {
  return chart.label.replace(/\(.*?\)/g, '')
}

export async function viewPNG(s: ExportSnapshot, target: ViewTarget, scale: number): Promise<ExportFile> {
  if (target.kind === 'map')
    return { blob: await pngBlob(await mapImage(scale, grids(s), layerSource(s))), name: name(s, 'map', 'png', scale) }
  if (target.kind === '3d')
    return { blob: await pngBlob(await surfaceImage(scale, s.view, layerSource(s))), name: name(s, '3d', 'png', scale) }
  return {
    blob: await pngBlob(await rasterise(chartSVG(target.chart), scale)),
    name: name(s, chartSlug(target.chart), 'png', scale),
  }
}

/** The 2D views as true vectors: the map re-drawn (every lane on one map), a chart as the page draws it. */
export function viewSVG(s: ExportSnapshot, target: ViewTarget): ExportFile {
  if (target.kind === '3d') throw new Error('the 3D view exports as PNG only')
  if (target.kind === 'chart')
    return { blob: svgBlob(chartSVG(target.chart)), name: name(s, chartSlug(target.chart), 'svg') }
  return { blob: svgBlob(figureSVG(figureInput(s, 'map'), MAP_WIDTH)), name: name(s, 'map', 'svg') }
}

/** The figure layout: a map a lane, side by side, one colour bar, the caption. */
export function figureSVGText(s: ExportSnapshot): string {
  return figureSVG(figureInput(s, 'figure'))
}

export function figureSVGFile(s: ExportSnapshot): ExportFile {
  return { blob: svgBlob(figureSVGText(s)), name: name(s, 'figure', 'svg') }
}

export async function figurePNGFile(s: ExportSnapshot, scale: number): Promise<ExportFile> {
  return { blob: await pngBlob(await rasterise(figureSVGText(s), scale)), name: name(s, 'figure', 'png', scale) }
}

export function captionFile(s: ExportSnapshot): ExportFile {
  return {
    blob: new Blob([`${s.caption}\n\n${s.link}\n`], { type: 'text/plain;charset=utf-8' }),
    name: name(s, 'caption', 'txt'),
  }
}

export function dataFile(s: ExportSnapshot, kind: DataKind): ExportFile {
  // Every CSV carries the session's predictions in its header.
  const predictions = sessionPredictions.list()
  const header: DataHeader = { version: VERSION, link: s.link, caption: s.caption, step: s.step, predictions }
  if (kind === 'json')
    return {
      blob: new Blob([dataJSON(header, s.frames, s.sampled)], { type: 'application/json' }),
      name: name(s, 'data', 'json'),
    }
  if (kind === 'basins') {
    // Like the histograms: the newest comparison with the exact density, with its own step, caption and link.
    const h = s.sampled
    const landscape = s.setup.analysis?.landscape ?? null
    const text = h
      ? basinsCSV({ ...header, link: h.link, caption: h.caption, step: h.step }, h.frames, landscape)
      : basinsCSV(header, [], landscape)
    return {
      blob: new Blob([text], { type: 'text/csv' }),
      name: name(s, 'basins', 'csv', undefined, h?.step ?? s.step),
    }
  }
  if (kind === 'histograms') {
    // The histogram travels with the step, caption and link of the frame that carried it.
    const h = s.sampled
    const text = h
      ? histogramsCSV({ ...header, link: h.link, caption: h.caption, step: h.step }, h.frames, s.view.domain)
      : histogramsCSV(header, [], s.view.domain)
    return {
      blob: new Blob([text], { type: 'text/csv' }),
      name: name(s, 'histograms', 'csv', undefined, h?.step ?? s.step),
    }
  }
  const text =
    kind === 'trajectories'
      ? trajectoriesCSV(header, s.frames)
      : kind === 'positions'
        ? positionsCSV(header, s.frames)
        : tracesCSV(header, s.frames)
  return { blob: new Blob([text], { type: 'text/csv' }), name: name(s, kind, 'csv') }
}

export async function animationFile(
  s: ExportSnapshot,
  plan: AnimationPlan,
  format: 'gif' | 'webm',
  progress: Progress,
  signal: AbortSignal,
): Promise<ExportFile> {
  const source = { setup: s.setup, domain: s.view.domain, colours: s.colours, overlays: grids(s) }
  const makeEncoder =
    format === 'gif'
      ? (canvas: HTMLCanvasElement) => gifEncoder(canvas, plan.fps)
      : async (canvas: HTMLCanvasElement) => (await import('./webm')).webmEncoder(canvas, plan.fps)
  const blob = await recordAnimation(plan, source, makeEncoder, progress, signal)
  return { blob, name: name(s, `animation-from-${plan.from}`, format, plan.scale, plan.from + plan.steps) }
}

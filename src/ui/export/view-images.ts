import type { Layout, PlotlyDataLayoutConfig, PlotlyHTMLElement } from 'plotly.js'
import type { Domain } from '../../core/surface'
import type { LaneFrame } from '../../core/run/frame'
import { surfaceHeight, type SurfaceView } from '../figures'
import { Plotly } from '../plotly'
import { CloudImage } from '../views/cloud'
import { paintGrid, type CategoryGrid } from '../views/grid-layer'
import { areaTransform, plotArea, type FullLayoutLike, type PlotArea } from '../views/plot-area'
import { Projector, type CameraParams } from '../views/projection'
import { drawWalkers, wrapJump, type ScreenMap } from '../views/walkers-layer'
import { backgroundBehind, loadImage, pixelCanvas } from './raster'

/**
 * PNGs of the page's views, composed the way the page composes them: plotly's
 * own image of the figure (Plotly.toImage at the scale asked for) under the
 * page's canvas layers, re-drawn at the same scale (basin overlays, walkers and
 * trails), on the panel's background. The result is exactly the plot's CSS
 * size times the scale.
 */

type PlotElement = PlotlyHTMLElement & {
  _fullLayout?: FullLayoutLike & { width?: number; height?: number; scene?: { _scene?: SceneInternals } }
}

interface SceneInternals {
  glplot?: { cameraParams?: CameraParams }
  dataScale?: number[]
  container?: HTMLElement
  getCamera?: () => object
}

export interface LayerSource {
  frames: readonly LaneFrame[]
  /** Colours by lane, as the page draws them. */
  colours: readonly string[]
  domain: Domain
}

function plotElement(id: string): PlotElement {
  const element = document.getElementById(id) as PlotElement | null
  if (!element?._fullLayout) throw new Error(`the ${id === 'surface-plot' ? '3D view' : 'map'} has not been drawn yet`)
  return element
}

function plotSize(gd: PlotElement): { width: number; height: number } {
  const width = Math.round(gd._fullLayout?.width ?? gd.clientWidth)
  const height = Math.round(gd._fullLayout?.height ?? gd.clientHeight)
  return { width, height }
}

/** Walkers and trails on a transparent canvas of width x height CSS pixels at `scale`. */
function walkerLayer(
  source: LayerSource,
  width: number,
  height: number,
  scale: number,
  toScreen: ScreenMap,
): HTMLCanvasElement {
  const { canvas, ctx } = pixelCanvas(Math.round(width * scale), Math.round(height * scale))
  ctx.setTransform(scale, 0, 0, scale, 0, 0)
  const layers = source.frames.map((frame) => ({ colour: source.colours[frame.lane] ?? '#ffffff', frame }))
  drawWalkers({ ctx, width, height, dpr: scale, cloud: new CloudImage() }, layers, toScreen, wrapJump(source.domain))
  return canvas
}

/**
 * The points' labels as the map shows them (ContourView.svelte places them with views/labels.ts, the
 * function the vector figure uses too), drawn over the canvas at the plot area, at `scale`.
 */
async function drawMapLabels(ctx: CanvasRenderingContext2D, area: PlotArea, scale: number): Promise<void> {
  const layer = document.getElementById('contour-labels')
  if (!layer || layer.querySelector('text') === null) return
  const svg = new XMLSerializer().serializeToString(layer)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = await loadImage(url)
    ctx.drawImage(image, area.left * scale, area.top * scale, area.width * scale, area.height * scale)
  } finally {
    URL.revokeObjectURL(url)
  }
}

/**
 * The points' labels alone, on a transparent canvas the size of a ground from mapGround: an animation draws it
 * over each frame's walkers, as the page draws its label layer over theirs.
 */
export async function mapLabelsLayer(
  ground: { canvas: HTMLCanvasElement; area: PlotArea },
  scale: number,
): Promise<HTMLCanvasElement> {
  const { canvas, ctx } = pixelCanvas(ground.canvas.width, ground.canvas.height)
  await drawMapLabels(ctx, ground.area, scale)
  return canvas
}

/**
 * The map's figure with its overlays, without walkers, and where its plot area is: the ground every
 * animation frame is drawn on, with the points' labels unless `labels` is false (mapImage draws them
 * over the walkers).
 */
export async function mapGround(
  scale: number,
  overlays: readonly CategoryGrid[],
  labels = true,
): Promise<{ canvas: HTMLCanvasElement; area: PlotArea }> {
  const gd = plotElement('contour-plot')
  const area = plotArea(gd._fullLayout)
  if (!area) throw new Error('the map has not been laid out yet')
  const { width, height } = plotSize(gd)
  const url = await Plotly.toImage(gd, { format: 'png', width, height, scale })
  const { canvas, ctx } = pixelCanvas(Math.round(width * scale), Math.round(height * scale))
  ctx.fillStyle = backgroundBehind(gd)
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(await loadImage(url), 0, 0, canvas.width, canvas.height)
  ctx.save()
  ctx.setTransform(scale, 0, 0, scale, area.left * scale, area.top * scale)
  ctx.beginPath()
  ctx.rect(0, 0, area.width, area.height)
  ctx.clip()
  for (const grid of overlays) paintGrid(ctx, area, grid)
  ctx.restore()
  if (labels) await drawMapLabels(ctx, area, scale)
  return { canvas, area }
}

/** Draws the walkers of `source` over a ground from mapGround, at its scale. */
export function drawMapWalkers(
  ctx: CanvasRenderingContext2D,
  area: PlotArea,
  scale: number,
  source: LayerSource,
): void {
  const t = areaTransform(area)
  const toScreen: ScreenMap = (x, y, _u, out) => {
    out[0] = t.ax * x + t.bx
    out[1] = t.ay * y + t.by
    return true
  }
  ctx.drawImage(
    walkerLayer(source, area.width, area.height, scale, toScreen),
    Math.round(area.left * scale),
    Math.round(area.top * scale),
  )
}

/** The contour map as the page shows it: figure, overlays, walkers and trails, and the points' labels over them. */
export async function mapImage(
  scale: number,
  overlays: readonly CategoryGrid[],
  source: LayerSource,
): Promise<HTMLCanvasElement> {
  const { canvas, area } = await mapGround(scale, overlays, false)
  const ctx = canvas.getContext('2d')!
  drawMapWalkers(ctx, area, scale, source)
  await drawMapLabels(ctx, area, scale)
  return canvas
}

/**
 * The 3D view as the page shows it, from the camera the reader turned it to.
 * plotly renders the scene again at `scale` device pixels per CSS pixel (its
 * plotGlPixelRatio), so 4x is sharp; the walkers are projected with the live
 * scene's camera into the same rectangle.
 */
export async function surfaceImage(scale: number, view: SurfaceView, source: LayerSource): Promise<HTMLCanvasElement> {
  const gd = plotElement('surface-plot')
  const scene = gd._fullLayout?.scene?._scene
  const camera = scene?.glplot?.cameraParams
  if (!scene?.container || !scene.dataScale || !camera) throw new Error('the 3D view has not been drawn yet')
  const { width, height } = plotSize(gd)
  const layout = gd.layout as Partial<Layout>
  const camera3d = (scene.getCamera?.() ?? layout.scene?.camera) as NonNullable<Layout['scene']>['camera']
  const figure: PlotlyDataLayoutConfig = {
    data: gd.data,
    layout: { ...layout, scene: { ...layout.scene, camera: camera3d } },
    config: { displaylogo: false, plotGlPixelRatio: scale },
  }
  const url = await Plotly.toImage(figure, { format: 'png', width, height, scale })
  const { canvas, ctx } = pixelCanvas(Math.round(width * scale), Math.round(height * scale))
  ctx.fillStyle = backgroundBehind(gd)
  ctx.fillRect(0, 0, canvas.width, canvas.height)
  ctx.drawImage(await loadImage(url), 0, 0, canvas.width, canvas.height)

  const outer = gd.getBoundingClientRect()
  const inner = scene.container.getBoundingClientRect()
  const box = { left: inner.left - outer.left, top: inner.top - outer.top, width: inner.width, height: inner.height }
  const projector = new Projector(camera, scene.dataScale, box.width, box.height)
  const heightAt = surfaceHeight(view)
  const d = source.domain
  const toScreen: ScreenMap = (x, y, u, out) => {
    if (x < d.xmin || x > d.xmax || y < d.ymin || y > d.ymax) return false
    const z = heightAt(x, y, u)
    return z === z && projector.project(x, y, z, out)
  }
  ctx.drawImage(
    walkerLayer(source, box.width, box.height, scale, toScreen),
    Math.round(box.left * scale),
    Math.round(box.top * scale),
  )
  return canvas
}

import type { LaneFrame } from '../../core/run/frame'
import { colourMap } from '../colour'
import type { SurfaceView } from '../figures'
import { laneLetter, laneName } from '../lanes/lane-colours'
import { shownPoints } from '../views/labels'
import type { OverlayLayer } from '../views/map-overlays.svelte'
import { maxima } from '../views/maxima'
import type { FigureInput, FigureLane, FigureLegend } from './svg-figure'

/** What a vector figure is drawn from: the surface as the page draws it, the frames drawn, the caption. */
export interface FigureSource {
  view: SurfaceView
  frames: readonly LaneFrame[]
  /** Method names by lane, for the key above each map. */
  methods: readonly string[]
  /** Colours by lane, as the page draws them. */
  colours: readonly string[]
  caption: string
  /** The map's overlays as shown; none when absent. */
  overlays?: readonly OverlayLayer[]
}

function figureLane(frame: LaneFrame, method: string, colour: string): FigureLane {
  return {
    label: `${laneLetter(frame.lane)}: ${method}`,
    colour,
    positions: frame.positions,
    trails: frame.trails,
    trailWalkers: frame.trailWalkers,
    trailLength: frame.trailLength,
  }
}

/** The legend of one overlay, under a heading that says whose it is. */
function legendOf(layer: OverlayLayer, methods: readonly string[]): FigureLegend {
  if (layer.lane === null) return { title: null, entries: layer.legend }
  const method = methods[layer.lane]
  return {
    title: `${laneName(layer.lane)}${method ? `, ${method},` : ''} started at each point ends at:`,
    entries: layer.legend,
  }
}

/**
 * The figure's input: the contour grid coloured as the page colours it (the
 * range of both of the page's grids, in the colour scale chosen), the critical
 * points, and the lanes either each on its own map ('figure') or all on one
 * ('map', the 2D view). The overlays go where the page shows them: the basins
 * of the minima under every map, a lane's basins of attraction under its own
 * map (every lane's, on the one map of the 2D view), each with its legend.
 */
export function figureInput(source: FigureSource, layout: 'figure' | 'map'): FigureInput {
  const { view, frames } = source
  const lanes = frames.map((f) =>
    figureLane(f, source.methods[f.lane] ?? f.method, source.colours[f.lane] ?? '#000000'),
  )
  const layers = source.overlays ?? []
  const overlays =
    layout === 'figure'
      ? frames.map((f) =>
          layers.filter((layer) => layer.lane === null || layer.lane === f.lane).map((layer) => layer.grid),
        )
      : [layers.map((layer) => layer.grid)]
  const shown =
    layout === 'figure'
      ? layers.filter((layer) => layer.lane === null || frames.some((f) => f.lane === layer.lane))
      : layers
  return {
    grid: view.contour,
    colour: colourMap(
      view.colourScale,
      Math.min(view.contour.min, view.mesh.min),
      Math.max(view.contour.max, view.mesh.max),
      view.clipAt,
    ),
    domain: view.domain,
    axes: view.axes,
    panels: layout === 'figure' ? lanes.map((lane) => [lane]) : [lanes],
    overlays,
    legend: shown.map((layer) => legendOf(layer, source.methods)).filter((group) => group.entries.length > 0),
    // The points the page shows (the maxima only when few or asked for), with the labels it gives them.
    points: shownPoints(view.points, maxima.show).map((p) => ({
      x: p.x,
      y: p.y,
      kind: p.kind,
      value: p.value,
      label: p.label,
    })),
    caption: source.caption,
  }
}

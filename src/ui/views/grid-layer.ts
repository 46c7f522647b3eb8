import { areaTransform, type PlotArea } from './plot-area'

/** RGBA, each 0-255. */
export type Rgba = readonly [number, number, number, number]

/**
 * A map of categories on a regular grid of nodes (basin labels, outcomes of an
 * optimizer started at each node): codes[j * nx + i] at (xs[i], ys[j]); a code
 * with no colour (negative, or past the palette) is left clear.
 */
export interface CategoryGrid {
  nx: number
  ny: number
  xs: ArrayLike<number>
  ys: ArrayLike<number>
  codes: ArrayLike<number>
  colours: readonly Rgba[]
}

/** The cells' pixels, one per node, top row first (largest y): an ImageData's layout. */
export function gridPixels(grid: CategoryGrid): Uint8ClampedArray<ArrayBuffer> {
  const { nx, ny, codes, colours } = grid
  const out = new Uint8ClampedArray(nx * ny * 4)
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j
    for (let i = 0; i < nx; i++) {
      const colour = colours[codes[j * nx + i]]
      if (!colour) continue
      out.set(colour, (row * nx + i) * 4)
    }
  }
  return out
}

/** The extent the cells cover along one axis: half a node spacing beyond the first and the last node. */
export function cellExtent(nodes: ArrayLike<number>): [number, number] {
  const n = nodes.length
  if (n < 2) return [nodes[0] - 0.5, nodes[0] + 0.5]
  const half = (nodes[n - 1] - nodes[0]) / (n - 1) / 2
  return [nodes[0] - half, nodes[n - 1] + half]
}

const images = new WeakMap<CategoryGrid, HTMLCanvasElement>()

/** Paints the grid's cells, one flat colour each (no smoothing), over the plot area. */
export function paintGrid(ctx: CanvasRenderingContext2D, area: PlotArea, grid: CategoryGrid): void {
  let image = images.get(grid)
  if (!image) {
    image = document.createElement('canvas')
    image.width = grid.nx
    image.height = grid.ny
    image.getContext('2d')?.putImageData(new ImageData(gridPixels(grid), grid.nx, grid.ny), 0, 0)
    images.set(grid, image)
  }
  const t = areaTransform(area)
  const [x0, x1] = cellExtent(grid.xs)
  const [y0, y1] = cellExtent(grid.ys)
  const left = t.ax * x0 + t.bx
  const top = t.ay * y1 + t.by
  ctx.imageSmoothingEnabled = false
  ctx.drawImage(image, left, top, t.ax * x1 + t.bx - left, t.ay * y0 + t.by - top)
}

import { STATUS } from '../../core/dynamics/status'
import type { Domain } from '../../core/surface'
import type { LaneFrame } from '../../core/run/frame'
import { discStamp, packHex, type CloudImage, type Stamp } from './cloud'

/** Dots drawn per lane per frame at most: more walkers are simulated, every k-th is drawn. */
export const MAX_DRAWN_WALKERS = 5000

/** Draw every k-th walker so that at most `max` are drawn. */
export function drawStride(n: number, max = MAX_DRAWN_WALKERS): number {
  return Math.max(1, Math.ceil(n / max))
}

/** Dot radius in CSS pixels: a lone walker is easy to see, a cloud of thousands stays a cloud. */
export function dotRadius(n: number): number {
  if (n <= 1) return 5.5
  if (n <= 16) return 4.5
  if (n <= 200) return 3.2
  if (n <= 2000) return 2.4
  return 1.7
}

export interface LaneLayer {
  colour: string
  frame: LaneFrame
}

/**
 * Where a walker at (x, y) with energy u is drawn, in CSS pixels of the canvas:
 * written to out[0], out[1]; false when it is not drawn (behind the 3D camera,
 * outside the 3D box).
 */
export type ScreenMap = (x: number, y: number, u: number, out: Float64Array) => boolean

/**
 * How far a trail may jump between two steps before it is cut: half a period on a periodic domain
 * (a wrap), else no limit.
 */
export function wrapJump(d: Domain | null): { x: number; y: number } {
  return d?.periodic ? { x: 0.5 * (d.xmax - d.xmin), y: 0.5 * (d.ymax - d.ymin) } : { x: Infinity, y: Infinity }
}

/** Lanes drawing more dots than this are stamped as pixels; fewer are drawn as smooth vector circles. */
export const VECTOR_DOTS = 200

/** The canvas drawn on: its size in CSS pixels, its pixel ratio, and the pixel buffer of its clouds. */
export interface WalkerCanvas {
  ctx: CanvasRenderingContext2D
  width: number
  height: number
  dpr: number
  cloud: CloudImage
}

const TWO_PI = 2 * Math.PI
const DIVERGED = STATUS.diverged
const at = new Float64Array(2)

/**
 * Draws each lane's walkers (dots with a dark outline; a diverged walker,
 * stopped where it last was, as a cross held inside the canvas) and trails.
 * Big clouds go first, as pixels (see cloud.ts), then every trail, then the
 * lanes of few walkers as vector dots: a lone gradient-descent walker never
 * vanishes under a sampler's cloud.
 */
export function drawWalkers(
  c: WalkerCanvas,
  lanes: readonly LaneLayer[],
  toScreen: ScreenMap,
  jump: { x: number; y: number },
): void {
  const { ctx, width, height } = c
  c.cloud.reset(Math.round(width * c.dpr), Math.round(height * c.dpr))
  ctx.lineJoin = 'round'
  ctx.lineCap = 'round'
  let order = lanes
  for (let k = 1; k < lanes.length; k++) {
    if (lanes[k].frame.walkers > lanes[k - 1].frame.walkers) {
      order = [...lanes].sort((a, b) => b.frame.walkers - a.frame.walkers)
      break
    }
  }
  for (const lane of order) if (isCloud(lane)) stampDots(c, lane, toScreen)
  if (c.cloud.used) c.cloud.put(ctx)
  else ctx.clearRect(0, 0, width, height)
  for (const lane of order) drawTrails(ctx, lane, toScreen, jump)
  for (const lane of order) {
    if (!isCloud(lane)) drawDots(ctx, lane, toScreen)
    drawDiverged(ctx, lane, toScreen, width, height)
  }
}

const isCloud = (lane: LaneLayer) => lane.frame.walkers / drawStride(lane.frame.walkers) > VECTOR_DOTS

const stamps = new Map<string, Stamp>()

function stampDots(c: WalkerCanvas, lane: LaneLayer, toScreen: ScreenMap): void {
  const { positions, energies, statuses, walkers } = lane.frame
  const stride = drawStride(walkers)
  const radius = Math.max(1, Math.round(dotRadius(walkers) * c.dpr))
  const key = `${lane.colour}:${radius}`
  let stamp = stamps.get(key)
  if (!stamp) stamps.set(key, (stamp = discStamp(radius, packHex(lane.colour))))
  const dpr = c.dpr
  for (let i = 0; i < walkers; i += stride) {
    if (statuses[i] === DIVERGED || !toScreen(positions[2 * i], positions[2 * i + 1], energies[i], at)) continue
    c.cloud.stamp(at[0] * dpr, at[1] * dpr, stamp)
  }
}

function drawTrails(
  ctx: CanvasRenderingContext2D,
  lane: LaneLayer,
  toScreen: ScreenMap,
  jump: { x: number; y: number },
): void {
  const { trails, trailWalkers, trailLength } = lane.frame
  if (trailWalkers === 0) return
  ctx.beginPath()
  for (let w = 0; w < trailWalkers; w++) {
    let open = false
    let lastX = 0
    let lastY = 0
    for (let k = 0; k < trailLength; k++) {
      const i = (w * trailLength + k) * 2
      const x = trails[i]
      const y = trails[i + 1]
      if (x !== x || y !== y || !toScreen(x, y, NaN, at)) {
        open = false
        continue
      }
      if (open && Math.abs(x - lastX) < jump.x && Math.abs(y - lastY) < jump.y) ctx.lineTo(at[0], at[1])
      else ctx.moveTo(at[0], at[1])
      open = true
      lastX = x
      lastY = y
    }
  }
  // A few walkers get bold trails with a halo; the trails of a cloud's first walkers stay light.
  const bold = lane.frame.walkers <= 8
  if (bold) {
    ctx.strokeStyle = 'rgba(255,255,255,0.6)'
    ctx.lineWidth = 3.5
    ctx.stroke()
  }
  ctx.globalAlpha = bold ? 1 : 0.6
  ctx.strokeStyle = lane.colour
  ctx.lineWidth = bold ? 1.6 : 1
  ctx.stroke()
  ctx.globalAlpha = 1
}

function drawDots(ctx: CanvasRenderingContext2D, lane: LaneLayer, toScreen: ScreenMap): void {
  const { positions, energies, statuses, walkers } = lane.frame
  const stride = drawStride(walkers)
  const r = dotRadius(walkers)
  ctx.beginPath()
  for (let i = 0; i < walkers; i += stride) {
    if (statuses[i] === DIVERGED || !toScreen(positions[2 * i], positions[2 * i + 1], energies[i], at)) continue
    ctx.moveTo(at[0] + r, at[1])
    ctx.arc(at[0], at[1], r, 0, TWO_PI)
  }
  ctx.fillStyle = lane.colour
  ctx.fill()
  ctx.strokeStyle = 'rgba(0,0,0,0.75)'
  ctx.lineWidth = r > 2 ? 1 : 0.6
  ctx.stroke()
}

function drawDiverged(
  ctx: CanvasRenderingContext2D,
  lane: LaneLayer,
  toScreen: ScreenMap,
  width: number,
  height: number,
): void {
  const { positions, energies, statuses, walkers, statusCounts } = lane.frame
  if ((statusCounts[DIVERGED] ?? 0) === 0) return
  const stride = drawStride(walkers)
  const c = dotRadius(walkers) + 1.5
  ctx.beginPath()
  for (let i = 0; i < walkers; i += stride) {
    if (statuses[i] !== DIVERGED || !toScreen(positions[2 * i], positions[2 * i + 1], energies[i], at)) continue
    const sx = Math.min(width - c, Math.max(c, at[0]))
    const sy = Math.min(height - c, Math.max(c, at[1]))
    ctx.moveTo(sx - c, sy - c)
    ctx.lineTo(sx + c, sy + c)
    ctx.moveTo(sx - c, sy + c)
    ctx.lineTo(sx + c, sy - c)
  }
  ctx.strokeStyle = '#000000'
  ctx.lineWidth = 3
  ctx.stroke()
  ctx.strokeStyle = lane.colour
  ctx.lineWidth = 1.6
  ctx.stroke()
}

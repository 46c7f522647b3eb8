import type { Domain } from '../../core/surface'
import type { SimulationSetup } from '../../core/run/simulation'
import { simulationClient } from '../../engine/clients'
import type { CategoryGrid } from '../views/grid-layer'
import type { PlotArea } from '../views/plot-area'
import { frameSteps, type AnimationPlan } from './animation-plan'
import { pixelCanvas } from './raster'
import { drawMapWalkers, mapGround, mapLabelsLayer } from './view-images'

/**
 * The 2D view over N steps as an animation: the run is computed again from
 * its setup in a simulation worker of its own (the same setup and seed give the
 * same positions, bit for bit), so the page's run goes on untouched; each frame
 * is the map with its overlays (drawn once) under the walkers at that step, and
 * goes straight to the encoder, so memory stays one frame deep. The encoders
 * are loaded when an animation is asked for, never at start-up.
 */
export interface AnimationSource {
  setup: SimulationSetup
  domain: Domain
  colours: readonly string[]
  overlays: readonly CategoryGrid[]
}

/** An encoder bound to the canvas the frames are drawn on. */
export interface AnimationEncoder {
  /** Takes the frame now on the canvas. */
  add(): Promise<void>
  finish(): Promise<Blob>
  /** Drops what was encoded (after a cancel or a failure). */
  abandon(): void
}

export type Progress = (done: number, total: number) => void

export function cancelled(): DOMException {
  return new DOMException('the export was cancelled', 'AbortError')
}

/** `promise`, or a cancel as soon as the signal fires (a disposed worker never answers). */
function unlessCancelled<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelled())
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(cancelled())
    signal.addEventListener('abort', abort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort))
  })
}

/** The step, top left of the map, on a dark halo that reads on any colour. */
function stepLabel(ctx: CanvasRenderingContext2D, area: PlotArea, scale: number, step: number): void {
  ctx.save()
  ctx.setTransform(scale, 0, 0, scale, area.left * scale, area.top * scale)
  ctx.font = 'bold 13px system-ui, sans-serif'
  ctx.textBaseline = 'top'
  const text = `step ${step.toLocaleString('en-US')}`
  ctx.lineWidth = 3
  ctx.strokeStyle = 'rgba(0,0,0,0.7)'
  ctx.strokeText(text, 6, 6)
  ctx.fillStyle = '#ffffff'
  ctx.fillText(text, 6, 6)
  ctx.restore()
}

export async function recordAnimation(
  plan: AnimationPlan,
  source: AnimationSource,
  makeEncoder: (canvas: HTMLCanvasElement) => Promise<AnimationEncoder>,
  progress: Progress,
  signal: AbortSignal,
): Promise<Blob> {
  const steps = frameSteps(plan)
  // The labels over the walkers, as on the page: the ground without them, and their layer drawn last.
  const ground = await mapGround(plan.scale, source.overlays, false)
  const labels = await mapLabelsLayer(ground, plan.scale)
  const { canvas, ctx } = pixelCanvas(ground.canvas.width, ground.canvas.height)
  const encoder = await makeEncoder(canvas)
  const client = simulationClient()
  try {
    progress(0, steps.length)
    await unlessCancelled(client.call('load', { setup: source.setup }), signal)
    let at = 0
    for (let k = 0; k < steps.length; k++) {
      const answer = await unlessCancelled(client.call('frame', { advance: steps[k] - at, sampling: false }), signal)
      at = answer.step
      ctx.drawImage(ground.canvas, 0, 0)
      drawMapWalkers(ctx, ground.area, plan.scale, {
        frames: answer.frames,
        colours: source.colours,
        domain: source.domain,
      })
      ctx.drawImage(labels, 0, 0)
      stepLabel(ctx, ground.area, plan.scale, answer.step)
      await encoder.add()
      if (signal.aborted) throw cancelled()
      progress(k + 1, steps.length)
    }
    return await encoder.finish()
  } catch (error) {
    encoder.abandon()
    throw error
  } finally {
    client.dispose()
  }
}

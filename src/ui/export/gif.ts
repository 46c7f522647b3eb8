import type { AnimationEncoder } from './animation'

/**
 * An animated GIF encoder (gifenc, loaded on first use): each frame gets its own
 * 256-colour palette (the map's smooth colour scale needs them all), a delay
 * of 1/fps, and the file loops forever. The page keeps drawing between frames:
 * the encoder yields after each one.
 */
export async function gifEncoder(canvas: HTMLCanvasElement, fps: number): Promise<AnimationEncoder> {
  const { GIFEncoder, quantize, applyPalette } = await import('gifenc')
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('this browser gave no 2D canvas context')
  const { width, height } = canvas
  const gif = GIFEncoder()
  const delay = Math.round(1000 / fps)
  return {
    async add() {
      const { data } = ctx.getImageData(0, 0, width, height)
      const palette = quantize(data, 256)
      gif.writeFrame(applyPalette(data, palette), width, height, { palette, delay, repeat: 0 })
      await new Promise((resolve) => setTimeout(resolve, 0))
    },
    async finish() {
      gif.finish()
      return new Blob([gif.bytes() as Uint8Array<ArrayBuffer>], { type: 'image/gif' })
    },
    abandon() {},
  }
}

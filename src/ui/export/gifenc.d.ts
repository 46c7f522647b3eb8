/** The part of gifenc 1.0 (https://github.com/mattdesl/gifenc) the animation export uses. */
declare module 'gifenc' {
  export type Palette = number[][]
  export type ColourFormat = 'rgb565' | 'rgb444' | 'rgba4444'

  export interface FrameOptions {
    palette?: Palette
    /** ms */
    delay?: number
    /** 0: forever, -1: once, n: n times */
    repeat?: number
    transparent?: boolean
    transparentIndex?: number
    dispose?: number
  }

  export interface Encoder {
    writeFrame(index: Uint8Array, width: number, height: number, options?: FrameOptions): void
    finish(): void
    bytes(): Uint8Array
    bytesView(): Uint8Array
  }

  export function GIFEncoder(options?: { auto?: boolean; initialCapacity?: number }): Encoder
  export function quantize(
    rgba: Uint8Array | Uint8ClampedArray,
    maxColors: number,
    options?: { format?: ColourFormat },
  ): Palette
  export function applyPalette(
    rgba: Uint8Array | Uint8ClampedArray,
    palette: Palette,
    format?: ColourFormat,
  ): Uint8Array
}

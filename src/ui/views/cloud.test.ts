import { describe, expect, test, vi } from 'vitest'
import { discStamp, packHex, packRgba } from './cloud'

describe('discStamp', () => {
  test('a disc with a dark outline ring around a fill in the lane colour', () => {
    const fill = packHex('#D55E00')
    const s = discStamp(2, fill)
    const at = (x: number, y: number) => {
      for (let k = 0; k < s.colour.length; k++) if (s.dx[k] === x && s.dy[k] === y) return s.colour[k]
      return undefined
    }
    expect(at(0, 0)).toBe(fill)
    expect(at(2, 0)).toBe(packRgba(17, 17, 17))
    expect(at(3, 0)).toBeUndefined()
    expect(at(2, 2)).toBeUndefined()
  })

  test('packs RGBA bytes as the ImageData lays them out', () => {
    const word = new Uint32Array([packHex('#102030')])
    expect([...new Uint8Array(word.buffer)]).toEqual([0x10, 0x20, 0x30, 255])
  })
})

describe('CloudImage', () => {
  test('stamps discs, cutting them at the edges, and clears only when used', async () => {
    // ImageData is a browser class: a minimal stand-in with the same layout.
    vi.stubGlobal(
      'ImageData',
      class {
        data: Uint8ClampedArray
        constructor(
          readonly width: number,
          readonly height: number,
        ) {
          this.data = new Uint8ClampedArray(width * height * 4)
        }
      },
    )
    const { CloudImage } = await import('./cloud')
    const image = new CloudImage()
    image.reset(4, 3)
    const s = discStamp(1, packHex('#ffffff'))
    image.stamp(0, 0, s)
    const painted = [...image.pixels].map((p) => (p === 0 ? 0 : 1))
    expect(painted).toEqual([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0])
    image.reset(4, 3)
    expect(image.pixels.every((p) => p === 0)).toBe(true)
    vi.unstubAllGlobals()
  })
})

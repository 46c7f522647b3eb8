/**
 * The structure of a GIF file (GIF89a specification, sections 17-27), read
 * without decoding any pixels: the logical screen size, the image descriptors
 * (one per frame), the graphic control extensions (one per frame of an
 * animation, carrying its delay) and their delays in milliseconds. Used to
 * check exported animations; throws on a file that is not a well-formed GIF.
 */
export interface GifStructure {
  width: number
  height: number
  images: number
  controlExtensions: number
  /** Frame delays in ms, in order. */
  delays: number[]
}

export function gifStructure(bytes: Uint8Array): GifStructure {
  const text = String.fromCharCode(...bytes.subarray(0, 6))
  if (text !== 'GIF89a' && text !== 'GIF87a') throw new Error(`not a GIF: header '${text}'`)
  const u16 = (at: number) => bytes[at] | (bytes[at + 1] << 8)
  const need = (at: number) => {
    if (at >= bytes.length) throw new Error(`truncated GIF at byte ${at}`)
  }
  const width = u16(6)
  const height = u16(8)
  const tableSize = (flags: number) => (flags & 0x80 ? 3 * (1 << ((flags & 0x07) + 1)) : 0)
  let at = 13 + tableSize(bytes[10])
  /** Skips a run of data sub-blocks (each a length byte and that many bytes) ending with a zero length. */
  const skipBlocks = () => {
    need(at)
    while (bytes[at] !== 0) {
      at += bytes[at] + 1
      need(at)
    }
    at++
  }
  const result: GifStructure = { width, height, images: 0, controlExtensions: 0, delays: [] }
  for (;;) {
    need(at)
    const introducer = bytes[at]
    if (introducer === 0x3b) return result
    if (introducer === 0x21) {
      const label = bytes[at + 1]
      if (label === 0xf9) {
        result.controlExtensions++
        // Block size 4: packed fields, delay in hundredths of a second, transparent index.
        result.delays.push(u16(at + 4) * 10)
      }
      at += 2
      skipBlocks()
    } else if (introducer === 0x2c) {
      result.images++
      const flags = bytes[at + 9]
      at += 10 + tableSize(flags)
      // The LZW minimum code size, then the image data.
      at++
      skipBlocks()
    } else {
      throw new Error(`unexpected byte 0x${introducer.toString(16)} at ${at}`)
    }
  }
}

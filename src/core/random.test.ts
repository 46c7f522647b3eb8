import { describe, expect, it } from 'vitest'
import { RandomStream, philox4x32, seedKey } from './random'

describe('Philox4x32-10', () => {
  it('matches the known-answer vectors of Random123 (kat_vectors)', () => {
    const out = new Uint32Array(4)
    const hex = () => [...out].map((w) => w.toString(16).padStart(8, '0')).join(' ')
    philox4x32(0, 0, 0, 0, 0, 0, out)
    expect(hex()).toBe('6627e8d5 e169c58d bc57ac4c 9b00dbd8')
    philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out)
    expect(hex()).toBe('408f276d 41c83b0e a20bc7c6 6d5451fd')
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out)
    expect(hex()).toBe('d16cfe09 94fdcceb 5001e420 24126ea1')
  })

  it('gives distinct keys to distinct seeds', () => {
    expect(seedKey(1)).not.toEqual(seedKey(-1))
    expect(seedKey(2 ** 32)).toEqual([0, 1])
  })

  it('draws normals with mean 0 and variance 1', () => {
    // 200,000 draws: the standard error of the mean is 0.0022 and of the variance 0.0032; 5 sigma bounds.
    const r = new RandomStream(42)
    let s = 0
    let s2 = 0
    const n = 200_000
    for (let i = 0; i < n; i++) {
      const z = r.normal()
      s += z
      s2 += z * z
    }
    expect(Math.abs(s / n)).toBeLessThan(5 * Math.sqrt(1 / n))
    expect(Math.abs(s2 / n - 1)).toBeLessThan(5 * Math.sqrt(2 / n))
  })
})

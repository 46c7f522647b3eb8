import { describe, expect, test } from 'vitest'
import { EDGE_MARGIN, menuLeft } from './popover'

describe('menuLeft', () => {
  test('opens rightwards from a button on the left half, leftwards from one on the right half', () => {
    expect(menuLeft(100, 200, 300, 1280)).toBe(100)
    expect(menuLeft(1000, 1100, 300, 1280)).toBe(800)
  })

  test('a menu wider than the room beside its button moves inside the window, with the margin', () => {
    // The Experiments button at the left of a laptop's toolbar, a 512 px list: it once opened at x = -352.
    expect(menuLeft(16, 160, 512, 1280)).toBe(16)
    expect(menuLeft(10, 150, 512, 1280)).toBe(10)
    expect(menuLeft(2, 150, 512, 1280)).toBe(EDGE_MARGIN)
    // A phone, the button on the right half: aligned with its right edge, or stopped at the right margin.
    expect(menuLeft(250, 380, 351, 390)).toBe(380 - 351)
    expect(menuLeft(300, 389, 351, 390)).toBe(390 - EDGE_MARGIN - 351)
    expect(menuLeft(300, 389, 200, 390)).toBe(390 - EDGE_MARGIN - 200)
  })

  test('a menu wider than the window keeps its left edge at the margin', () => {
    expect(menuLeft(300, 380, 500, 390)).toBe(EDGE_MARGIN)
  })

  test('every placement of a menu that fits lies inside the margins', () => {
    for (const viewport of [320, 390, 768, 1280])
      for (const width of [120, 300, viewport - 2 * EDGE_MARGIN])
        for (let left = 0; left < viewport - 40; left += 37) {
          const x = menuLeft(left, left + 40, width, viewport)
          expect(x).toBeGreaterThanOrEqual(EDGE_MARGIN)
          expect(x + width).toBeLessThanOrEqual(viewport - EDGE_MARGIN)
        }
  })
})

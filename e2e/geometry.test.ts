import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { compileSurfaceSpec } from '../src/cli/inputs'
import { buildLane } from '../src/core/scenario/build'
import type { Scenario } from '../src/core/scenario/types'
import { decodeState, encodeState } from '../src/core/scenario/url'
import { launchChromium, openPage } from './chromium'
import { hook, mapPoint, MULLER_BROWN, WAIT, waitForLabels } from './helpers'

/**
 * The first screen's geometry, measured: what a student sees without scrolling
 * at laptop size, how tall the status lines are on the surface with the most
 * basins, and whether an optimizer's whole path is still drawn long after it
 * has converged.
 */
const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

interface Box {
  left: number
  top: number
  right: number
  bottom: number
}

const inside = (b: Box, width: number, height: number) =>
  b.left >= 0 && b.top >= 0 && b.right <= width && b.bottom <= height

/** Painted pixels of the walkers' canvas within `radius` CSS pixels of a page point. */
function paintedNear(page: Page, at: { x: number; y: number }, radius: number): Promise<number> {
  return page.$eval(
    '#contour-plot ~ canvas.walkers',
    (node, [x, y, r]) => {
      const canvas = node as HTMLCanvasElement
      const rect = canvas.getBoundingClientRect()
      const scale = canvas.width / rect.width
      const cx = (x - rect.left) * scale
      const cy = (y - rect.top) * scale
      const half = Math.ceil(r * scale)
      const data = canvas
        .getContext('2d')!
        .getImageData(Math.round(cx) - half, Math.round(cy) - half, 2 * half + 1, 2 * half + 1).data
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++
      return n
    },
    [at.x, at.y, radius] as const,
  )
}

describe.skipIf(!chromiumPath)('the first screen, measured', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('at 1280x800 the map, each lane’s method and main setting, and Play are on screen together', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    const boxes = await page.evaluate(() => {
      const box = (e: Element | null) => {
        const r = e!.getBoundingClientRect()
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }
      }
      const quick = [...document.querySelectorAll('.quick')]
      return {
        map: box(document.getElementById('contour-plot')),
        play: box(document.querySelector('.run-controls button.primary')),
        methods: quick.map((q) => box(q.querySelector('select'))),
        sliders: quick.map((q) => box(q.querySelector('input[type="range"]'))),
        scrollY: window.scrollY,
      }
    })
    expect(boxes.scrollY).toBe(0)
    expect(boxes.methods).toHaveLength(2)
    expect(boxes.sliders).toHaveLength(2)
    for (const b of [boxes.map, boxes.play, ...boxes.methods, ...boxes.sliders]) expect(inside(b, 1280, 800)).toBe(true)
    // The map is the main thing on the screen: at least 400 px on a side.
    expect(boxes.map.right - boxes.map.left).toBeGreaterThan(400)
    expect(boxes.map.bottom - boxes.map.top).toBeGreaterThan(400)
    expect(errors).toEqual([])
    await page.close()
  })

  test('on Rastrigin (121 minima) each lane’s status takes at most two lines at 1280 px', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    await page.getByRole('combobox', { name: 'Surface' }).selectOption('rastrigin')
    // The run on Rastrigin itself (the one before goes on until the new surface's analysis is in).
    await page.waitForFunction(() => {
      const h = (
        window as unknown as {
          __landscape?: { loading(): boolean; step(): number; scenario(): { surface: { id?: string } } }
        }
      ).__landscape
      return h !== undefined && h.scenario().surface.id === 'rastrigin' && !h.loading() && h.step() > 0
    }, WAIT)
    await hook(page, (h) => h.advance(2000))
    // The sampler's line names visited basins once its comparison with the exact density has come.
    await expect.poll(() => page.locator('.status-strip .status-lines li').nth(1).textContent(), WAIT).toMatch(/basins/)
    const lines = await page.$$eval('.status-strip .status-lines li', (items) => {
      // The height of one line of the same list, from a one-word item added for the measurement.
      const list = items[0]!.parentElement!
      const probe = document.createElement('li')
      probe.textContent = 'x'
      list.appendChild(probe)
      const one = probe.getBoundingClientRect().height
      probe.remove()
      return items.map((li) => li.getBoundingClientRect().height / one)
    })
    expect(lines).toHaveLength(2)
    for (const ratio of lines) expect(ratio).toBeLessThan(2.2)
    expect(errors).toEqual([])
    await page.close()
  })

  test('gradient descent’s whole path is still drawn after 3,000 steps; with trails off it is not', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    await hook(page, (h) => h.pause())
    const scenario = (await hook(page, (h) => h.scenario())) as Scenario
    const view = decodeState(
      await page.evaluate(() => {
        const h = (window as unknown as { __landscape: { page: { state(): string } } }).__landscape
        return h.page.state()
      }),
    ).state.view
    const gd = scenario.lanes[0]!
    expect(gd.method).toBe('gd')
    // Where the descent passes early on, computed with the same engine: points well away from its start
    // and from the minimum it ends in.
    const lane = buildLane(compileSurfaceSpec(scenario.surface).compiled, gd, scenario.seed)
    const path: { x: number; y: number }[] = []
    for (let t = 0; t < 3000; t++) {
      lane.advance(1)
      path.push({ x: lane.walkers.x[0]!, y: lane.walkers.y[0]! })
    }
    const start = { x: gd.start.kind === 'point' ? gd.start.x : NaN, y: gd.start.kind === 'point' ? gd.start.y : NaN }
    const end = path.at(-1)!
    const far = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y) > 0.12
    const between = path.filter((p) => far(p, start) && far(p, end))
    expect(between.length).toBeGreaterThan(0)
    const probes = [between[0]!, between[Math.floor(between.length / 2)]!, between.at(-1)!]

    const open = async (trail: 'path' | 'none') => {
      const one: Scenario = { ...scenario, lanes: [{ ...gd, trail }] }
      await page.goto(`${appUrl}?${encodeState({ scenario: one, view: { ...view, step: 3000 } })}&bench`)
      await waitForLabels(page, MULLER_BROWN)
      await page.waitForFunction(
        () => {
          const h = (window as unknown as { __landscape?: { step(): number; playing(): boolean } }).__landscape
          return h !== undefined && h.step() === 3000 && !h.playing()
        },
        undefined,
        { timeout: 60_000 },
      )
      // Drawn after the last frame: wait until the walker's canvas shows the walker at its end.
      const last = await mapPoint(page, end.x, end.y)
      await expect.poll(() => paintedNear(page, last, 4), WAIT).toBeGreaterThan(0)
      return Promise.all(probes.map(async (p) => paintedNear(page, await mapPoint(page, p.x, p.y), 3)))
    }
    const withPath = await open('path')
    for (const n of withPath) expect(n).toBeGreaterThan(0)
    const without = await open('none')
    for (const n of without) expect(n).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

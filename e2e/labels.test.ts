import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { MULLER_BROWN, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]

/** The surfaces of issue 12's point 4: three crowded atlas surfaces and a typed double well on [−5, 5]². */
const SURFACES: { name: string; pick: (page: Page) => Promise<void> }[] = [
  { name: 'six-hump camel', pick: (page) => pickAtlas(page, 'six-hump-camel') },
  { name: 'Goldstein-Price', pick: (page) => pickAtlas(page, 'goldstein-price') },
  { name: 'Rastrigin', pick: (page) => pickAtlas(page, 'rastrigin') },
  {
    name: 'a typed double well',
    pick: async (page) => {
      const before = await labelTexts(page)
      await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('(x^2 - 1)^2 + y^2')
      // On a phone the saddle's label, between the two minima's, may give way to them.
      await waitForLabels(page, ['M1 0.00'])
      await settled(page, before)
    },
  },
]

interface Rect {
  text: string
  left: number
  top: number
  right: number
  bottom: number
}

/** The map's labels as drawn (their text's own boxes in the page), and the box of the layer they are in. */
function labelBoxes(page: Page): Promise<{ labels: Rect[]; layer: Rect }> {
  return page.evaluate(() => {
    const rect = (e: Element, text = '') => {
      const r = e.getBoundingClientRect()
      return { text, left: r.left, top: r.top, right: r.right, bottom: r.bottom }
    }
    const layer = document.getElementById('contour-labels')!
    return {
      labels: [...layer.querySelectorAll('text')].map((t) => rect(t, t.textContent ?? '')),
      layer: rect(layer),
    }
  })
}

/** Waits until the map is drawn and no longer computing, with labels different from `before`. */
async function settled(page: Page, before: string[]): Promise<void> {
  await page.waitForFunction(
    (old) => {
      const figure = document.querySelector('figure:has(#contour-plot)')
      const texts = [...document.querySelectorAll('#contour-labels text')].map((t) => t.textContent)
      return figure?.getAttribute('aria-busy') === 'false' && texts.length > 0 && texts.join('|') !== old.join('|')
    },
    before,
    WAIT,
  )
}

async function labelTexts(page: Page): Promise<string[]> {
  return page.$$eval('#contour-labels text', (nodes) => nodes.map((n) => n.textContent ?? ''))
}

async function pickAtlas(page: Page, id: string): Promise<void> {
  const before = await labelTexts(page)
  await page.getByRole('combobox', { name: 'Surface' }).selectOption(id)
  await settled(page, before)
}

function overlapping(labels: Rect[]): string[] {
  const out: string[] = []
  labels.forEach((a, i) =>
    labels.slice(i + 1).forEach((b) => {
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        out.push(`'${a.text}' and '${b.text}'`)
    }),
  )
  return out
}

describe.skipIf(!chromiumPath)('the map’s labels, colour bar and legend', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  for (const size of SIZES)
    test(`at ${size.name} size no two point labels overlap, and they lie over the walkers`, async () => {
      const { page, errors } = await openPage(browser, appUrl, size)
      await waitForLabels(page, MULLER_BROWN)
      // Drawn after the walkers' canvas, so over it.
      const order = await page.evaluate(() => {
        const walkers = document.querySelector('figure:has(#contour-plot) canvas.walkers')!
        const labels = document.getElementById('contour-labels')!
        return walkers.compareDocumentPosition(labels) & Node.DOCUMENT_POSITION_FOLLOWING
      })
      expect(order).toBeTruthy()
      for (const surface of SURFACES) {
        await surface.pick(page)
        const { labels, layer } = await labelBoxes(page)
        expect(labels.length, surface.name).toBeGreaterThan(0)
        expect(overlapping(labels), surface.name).toEqual([])
        for (const label of labels) {
          expect(label.left, `${surface.name}: ${label.text}`).toBeGreaterThanOrEqual(layer.left - 1)
          expect(label.right, `${surface.name}: ${label.text}`).toBeLessThanOrEqual(layer.right + 1)
          expect(label.top, `${surface.name}: ${label.text}`).toBeGreaterThanOrEqual(layer.top - 1)
          expect(label.bottom, `${surface.name}: ${label.text}`).toBeLessThanOrEqual(layer.bottom + 1)
        }
      }
      expect(errors).toEqual([])
      await page.close()
    })

  test('six-hump camel’s two maxima are shown, Rastrigin’s many hidden until asked for', async () => {
    const { page } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const maxima = page.getByRole('checkbox', { name: /^Maxima/ })
    const maximumKey = page.locator('#contour-plot .legendtext', { hasText: 'maximum' })
    await pickAtlas(page, 'six-hump-camel')
    expect(await maxima.isChecked()).toBe(true)
    expect(await maximumKey.count()).toBe(1)
    expect(await page.locator('#contour-labels text[data-kind="maximum"]').count()).toBeGreaterThan(0)
    await pickAtlas(page, 'rastrigin')
    expect(await maxima.isChecked()).toBe(false)
    expect(await maximumKey.count()).toBe(0)
    await maxima.check()
    await maximumKey.waitFor(WAIT)
    await page.close()
  })

  for (const size of SIZES)
    test(`at ${size.name} size the colour bar stays inside its card on a domain with x max = 1e6`, async () => {
      const { page, errors } = await openPage(browser, appUrl, size)
      await waitForLabels(page, MULLER_BROWN)
      await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('(x^2 - 1)^2 + y^2')
      await waitForLabels(page, ['M1 0.00'])
      const xmax = page.getByRole('textbox', { name: 'x max' })
      await xmax.fill('1e6')
      await xmax.press('Enter')
      await page.waitForFunction(
        () => {
          const gd = document.getElementById('contour-plot') as HTMLElement & {
            _fullLayout?: { xaxis?: { range?: number[] } }
          }
          const figure = document.querySelector('figure:has(#contour-plot)')
          return gd._fullLayout?.xaxis?.range?.[1] === 1e6 && figure?.getAttribute('aria-busy') === 'false'
        },
        null,
        WAIT,
      )
      await page.waitForTimeout(500)
      const boxes = await page.evaluate(() => {
        const box = (selector: string) => {
          const r = document.querySelector(selector)!.getBoundingClientRect()
          return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height }
        }
        return {
          card: box('figure:has(#contour-plot)'),
          bar: box('#contour-plot .colorbar'),
          map: box('#contour-labels'),
        }
      })
      expect(boxes.bar.left).toBeGreaterThanOrEqual(boxes.card.left)
      expect(boxes.bar.right).toBeLessThanOrEqual(boxes.card.right)
      expect(boxes.bar.top).toBeGreaterThanOrEqual(boxes.card.top)
      expect(boxes.bar.bottom).toBeLessThanOrEqual(boxes.card.bottom)
      // Under the map, not over it, and the map still a map (not a line a pixel high).
      expect(boxes.bar.top).toBeGreaterThanOrEqual(boxes.map.bottom)
      expect(boxes.map.height).toBeGreaterThan(150)
      expect(errors).toEqual([])
      await page.close()
    })

  test('the basin overlay’s legend lists every colour it paints', async () => {
    const { page } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.getByRole('checkbox', { name: 'Basins of the minima' }).check()
    for (const id of ['six-hump-camel', 'rastrigin']) {
      await pickAtlas(page, id)
      const minima = await page.$$eval(
        '#critical-points tbody tr td:first-child',
        (cells) => cells.filter((c) => c.textContent?.trim().startsWith('minimum')).length,
      )
      // Paul Tol's muted scheme has nine colours (src/ui/views/overlays.ts); they repeat beyond nine minima.
      const colours = Math.min(minima, 9)
      const legend = page.getByRole('list', { name: 'Overlay colours' }).locator('li')
      await page.waitForFunction(
        (n) => document.querySelectorAll('[aria-label="Overlay colours"] li').length === n,
        colours,
        WAIT,
      )
      const swatches = await legend.evaluateAll((items) =>
        items.map((li) => getComputedStyle(li.querySelector('.swatch')!).backgroundColor),
      )
      expect(new Set(swatches).size, id).toBe(colours)
      expect(await legend.first().textContent(), id).toMatch(/^basin of /)
    }
    await page.close()
  })
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** A guard against a hang, not a speed requirement. */
const WAIT = { timeout: 30_000 }

/** The page writes a true minus sign; the tests compare with ASCII. */
const ascii = (text: string) => text.replace(/\u2212/g, '-')

async function plotLabels(page: Page): Promise<string[]> {
  const texts = await page.$$eval('#contour-plot .textpoint text', (nodes) => nodes.map((node) => node.textContent ?? ''))
  return texts.filter(Boolean).map(ascii).sort()
}

/** Waits until the 2D plot's point labels include all of `expected`. */
async function waitForLabels(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const shown = [...document.querySelectorAll('#contour-plot .textpoint text')].map((n) => (n.textContent ?? '').replace(/\u2212/g, '-'))
      return wanted.every((label) => shown.includes(label))
    },
    expected,
    WAIT,
  )
}

/** The first x of the contour trace: tells which domain is drawn. */
function contourXStart(page: Page): Promise<number> {
  return page.evaluate(() => {
    const plot = document.getElementById('contour-plot') as (HTMLElement & { data?: { x: ArrayLike<number> }[] }) | null
    return plot?.data?.[0]?.x[0] ?? NaN
  })
}

const MULLER_BROWN = ['MA -146.70', 'MB -108.17', 'MC -80.77', 'S1 -40.66', 'S2 -72.25']

describe.skipIf(!chromiumPath)('the playground page', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('loads Müller-Brown with its five critical points, with no console errors and nothing fetched off-site', async () => {
    const { page, errors, offsite } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    expect(await plotLabels(page)).toEqual(MULLER_BROWN)
    expect(await page.locator('#contour-plot .contourlevel path').count()).toBeGreaterThan(10)
    // Three minima and two saddles, in the legend and in the table.
    const legend = await page.$$eval('#contour-plot .legendtext', (nodes) => nodes.map((n) => n.textContent))
    expect(legend).toEqual(['minimum', 'saddle'])
    const kinds = await page.$$eval('table tbody tr td:first-child', (cells) => cells.map((c) => c.textContent?.split(/\s/)[0]))
    expect(kinds.filter((k) => k === 'minimum')).toHaveLength(3)
    expect(kinds.filter((k) => k === 'saddle')).toHaveLength(2)
    expect(await page.getByRole('combobox', { name: 'Surface' }).inputValue()).toBe('muller-brown')
    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })

  test('draws the 3D surface: its WebGL canvas is not blank', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.locator('#surface-plot .gl-container canvas').first().waitFor(WAIT)
    // The middle of the scene, away from the legend and colour bar (SVG, drawn without WebGL).
    const colourfulShare = async () => {
      const box = await page.locator('#surface-plot').boundingBox()
      if (!box) return 0
      const clip = { x: box.x + box.width * 0.2, y: box.y + box.height * 0.3, width: box.width * 0.5, height: box.height * 0.4 }
      const png = await page.screenshot({ clip })
      return page.evaluate(async (base64) => {
        const image = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob())
        const canvas = new OffscreenCanvas(image.width, image.height)
        const context = canvas.getContext('2d')
        if (!context) return 0
        context.drawImage(image, 0, 0)
        const { data } = context.getImageData(0, 0, image.width, image.height)
        let colourful = 0
        for (let i = 0; i < data.length; i += 4) {
          // Viridis is saturated everywhere; the page behind it is white or grey.
          if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60) colourful++
        }
        return colourful / (data.length / 4)
      }, png.toString('base64'))
    }
    await expect.poll(colourfulShare, WAIT).toBeGreaterThan(0.15)
    expect(errors).toEqual([])
    await page.close()
  })

  test('choosing another surface redraws both plots', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.getByRole('combobox', { name: 'Surface' }).selectOption('himmelblau')
    await waitForLabels(page, ['max 181.62'])
    const labels = await plotLabels(page)
    expect(labels.filter((label) => label === 'min 0.00')).toHaveLength(4)
    expect(labels.filter((label) => label.startsWith('saddle'))).toHaveLength(4)
    expect(labels.some((label) => label.startsWith('MA'))).toBe(false)
    expect(await contourXStart(page)).toBe(-5)
    const surfaceX = await page.evaluate(() => {
      const plot = document.getElementById('surface-plot') as (HTMLElement & { data?: { x: ArrayLike<number> }[] }) | null
      return plot?.data?.[0]?.x[0]
    })
    expect(surfaceX).toBe(-5)
    expect(await page.getByRole('textbox', { name: 'U(x, y) =' }).inputValue()).toContain('(x^2 + y - 11)^2')
    expect(await page.locator('#surface-note').textContent()).not.toContain('Müller')
    expect(errors).toEqual([])
    await page.close()
  })

  test('a wrong formula shows its error at its column and keeps the last surface drawn', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const box = page.getByRole('textbox', { name: 'U(x, y) =' })

    await box.fill('x^2 + sin(')
    const error = page.locator('#formula-error')
    await error.waitFor(WAIT)
    expect(await error.textContent()).toContain('column 10')
    expect(await error.getAttribute('data-column')).toBe('10')
    expect(await box.getAttribute('aria-invalid')).toBe('true')
    expect(await box.getAttribute('aria-describedby')).toContain('formula-error')
    // The caret line puts its ^ under the tenth character, the unclosed '('.
    const [line, caret] = ((await error.locator('pre').textContent()) ?? '').split('\n')
    expect(line[caret.indexOf('^')]).toBe('(')
    expect(caret.indexOf('^')).toBe(9)
    expect(await error.locator('mark').textContent()).toBe('(')

    await box.fill('import("fs")')
    await expect.poll(() => error.textContent(), WAIT).toContain("unknown function 'import'")
    expect(await error.locator('mark').textContent()).toBe('import')
    expect(await error.getAttribute('data-column')).toBe('1')

    // Checked and computed, but there is nothing to draw.
    await box.fill('log(-1 - x^2)')
    await expect.poll(() => error.textContent(), WAIT).toContain('not a finite number anywhere')

    // Still the surface from before the mistakes.
    expect(await plotLabels(page)).toEqual(MULLER_BROWN)
    expect(await contourXStart(page)).toBe(-1.5)
    expect(errors).toEqual([])
    await page.close()
  })

  test('a good formula typed then is drawn on the default domain, with its warnings shown', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const box = page.getByRole('textbox', { name: 'U(x, y) =' })
    await box.fill('x^2 + sin(')
    await page.locator('#formula-error').waitFor(WAIT)

    await box.fill('(x^2 - 1)^2 + y^2')
    await waitForLabels(page, ['saddle 1.00', 'min 0.00'])
    const labels = await plotLabels(page)
    expect(labels).toEqual(['min 0.00', 'min 0.00', 'saddle 1.00'])
    expect(await contourXStart(page)).toBe(-5)
    expect(await box.getAttribute('aria-invalid')).toBe('false')
    expect(await page.locator('#formula-error').count()).toBe(0)
    expect(await page.getByRole('combobox', { name: 'Surface' }).inputValue()).toBe('custom')

    await box.fill('x^2 + xy')
    await page.locator('#formula-warnings').waitFor(WAIT)
    expect(await page.locator('#formula-warnings').textContent()).toContain("'xy' is read as one parameter")
    expect(errors).toEqual([])
    await page.close()
  })

  test('stacks the plots at phone width and follows the dark colour scheme', async () => {
    const { page, errors } = await openPage(browser, appUrl, { width: 390, height: 844, colorScheme: 'dark' })
    await waitForLabels(page, MULLER_BROWN)
    const layout = await page.evaluate(() => {
      const top = (id: string) => document.getElementById(id)?.getBoundingClientRect().top ?? NaN
      const formula = document.getElementById('formula')?.getBoundingClientRect()
      return {
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        formulaBottom: formula ? formula.bottom : NaN,
        contourTop: top('contour-plot'),
        surfaceTop: top('surface-plot'),
        background: getComputedStyle(document.body).backgroundColor,
        axisTitle: document.querySelector('#contour-plot .xtitle')?.getAttribute('style') ?? '',
      }
    })
    expect(layout.overflow).toBeLessThanOrEqual(0)
    expect(layout.contourTop).toBeGreaterThan(layout.formulaBottom)
    expect(layout.surfaceTop).toBeGreaterThan(layout.contourTop)
    const [r, g, b] = (layout.background.match(/\d+/g) ?? []).map(Number)
    expect(r + g + b).toBeLessThan(150)
    // plotly's text follows the theme too: light text on the dark page.
    expect(layout.axisTitle).toMatch(/fill: rgb\((2[0-9]{2}), /)
    expect(errors).toEqual([])
    await page.close()
  })
})

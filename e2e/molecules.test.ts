import { readFileSync } from 'node:fs'
import type { Browser, Locator } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { ascii, paintedPixels, WAIT } from './helpers'

/** Clicks a button that saves a file and reads the file. */
async function saved(button: Locator): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([button.page().waitForEvent('download', WAIT), button.click()])
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') }
}

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

describe.skipIf(!chromiumPath)('the molecules section', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('runs LJ7-2D: walkers on the map, atoms drawn, a minimum shown, a bad sequence named', async () => {
    const { page, errors, offsite } = await openPage(browser, `${appUrl}?bench`)
    const heading = page.getByRole('heading', { name: 'Molecules: landscapes seen through two coordinates' })
    await heading.scrollIntoViewIfNeeded()
    const system = page.getByRole('combobox', { name: 'System' })
    await system.waitFor(WAIT)
    expect(await system.inputValue()).toBe('lj7-2d')

    await page.getByRole('button', { name: 'Run the molecules' }).click()
    // The run plays: the free energy fills in, a walker is quenched into the list.
    await page.locator('#cv-map .heatmaplayer image').first().waitFor(WAIT)
    const show = page.getByRole('button', { name: 'Show minimum 1' })
    await show.waitFor(WAIT)
    await page.getByRole('button', { name: 'Stop the molecules' }).click()

    // The map and the molecule view side by side in view (a view off screen is not redrawn).
    await page.locator('#cv-map').evaluate((e) => e.scrollIntoView({ block: 'center' }))
    // The walkers are drawn over the map, and the chosen walker's seven atoms in the molecule view.
    expect(await paintedPixels(page, '#cv-map ~ canvas.walkers')).toBeGreaterThan(50)
    await page.locator('#molecule-view .scatterlayer .trace .point').first().waitFor(WAIT)
    expect(await page.locator('#molecule-view .scatterlayer .point').count()).toBe(7)
    const status = ascii((await page.locator('.molecules .status').textContent()) ?? '')
    expect(status).toMatch(/Walker 1: sampling, E = -1\d\.\d\d/)
    expect(status).toMatch(/20 walkers: 20 sampling.*\(global -12\.53\)/)

    // A click on a walker's point on the map shows that walker. The map's ranges may still be refitted
    // (at most twice a second) just after the stop: the point is found again and clicked again if the
    // first click landed where the walker no longer is.
    const pick = () =>
      page.evaluate(() => {
        const m = (window as unknown as { __molecules: { walker(i: number): [number, number] | null } }).__molecules
        const gd = document.getElementById('cv-map') as HTMLElement & {
          _fullLayout: {
            xaxis: { _offset: number; _length: number; range: number[] }
            yaxis: { _offset: number; _length: number; range: number[] }
          }
        }
        const { xaxis: ax, yaxis: ay } = gd._fullLayout
        const r = gd.getBoundingClientRect()
        const at = ([s1, s2]: [number, number]) => ({
          x: r.left + ax._offset + ((s1 - ax.range[0]!) / (ax.range[1]! - ax.range[0]!)) * ax._length,
          y: r.top + ay._offset + (1 - (s2 - ay.range[0]!) / (ay.range[1]! - ay.range[0]!)) * ay._length,
        })
        const points: { x: number; y: number }[] = []
        for (let i = 0; i < 100 && m.walker(i) !== null; i++) points.push(at(m.walker(i)!))
        // The walker farthest from every other one (walker 1, the chosen one, left out): a click on it is
        // not ambiguous.
        let best = { walker: 0, x: 0, y: 0, d: 0 }
        points.forEach((p, i) => {
          if (i === 0) return
          const d = Math.min(...points.filter((_, j) => j !== i).map((q) => Math.hypot(p.x - q.x, p.y - q.y)))
          if (d > best.d) best = { walker: i, x: p.x, y: p.y, d }
        })
        return best
      })
    let shown = false
    for (let attempt = 0; attempt < 3 && !shown; attempt++) {
      await page.waitForTimeout(600)
      const target = await pick()
      expect(target.d).toBeGreaterThan(4)
      await page.mouse.click(target.x, target.y)
      shown = await page
        .locator('figure:has(#molecule-view) figcaption')
        .filter({ hasText: `Walker ${target.walker + 1} at step` })
        .waitFor({ timeout: 10_000 })
        .then(() => true)
        .catch(() => false)
    }
    expect(shown, 'a click on a walker on the map shows that walker').toBe(true)

    // The lowest minimum found is the hexagon, the global minimum; showing it draws its structure.
    const first = page.locator('.minima tbody tr').first()
    expect(ascii((await first.textContent()) ?? '')).toMatch(/-12\.5349\s*global minimum/)
    await show.click()
    await page
      .locator('#molecule-view-title, figure:has(#molecule-view) figcaption')
      .filter({ hasText: /Minimum 1 of the list, E = .12\.5349/ })
      .first()
      .waitFor(WAIT)

    // The chosen walker and the catalogue of minima save as XYZ files: 7 atoms a frame.
    const walker = await saved(page.getByRole('button', { name: 'Save walker (XYZ)' }))
    expect(walker.name).toMatch(/^lj7-2d-walker\d+-step\d+\.xyz$/)
    expect(walker.text.split('\n')[0]).toBe('7')
    const minima = await saved(page.getByRole('button', { name: 'Save minima (XYZ)' }))
    expect(minima.name).toBe('lj7-2d-minima.xyz')
    expect(minima.text).toMatch(/energy=-12\.5348/)

    // A typed AB sequence with a wrong letter: one clear message beside the input, and no run.
    await system.selectOption('ab-typed')
    const sequence = page.getByRole('textbox', { name: 'Sequence' })
    await sequence.fill('ABBAXB')
    await sequence.press('Enter')
    const alert = page.locator('.molecules [role="alert"]')
    await alert.first().waitFor(WAIT)
    expect(await alert.count()).toBe(1)
    expect(await alert.textContent()).toBe(
      "character 5 of the sequence is 'X': only A (hydrophobic) and B (hydrophilic) are allowed",
    )
    expect(await sequence.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('button', { name: 'Run the molecules' }).isDisabled()).toBe(true)

    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })
})

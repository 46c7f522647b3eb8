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

    // Choosing another walker shows it in the molecule view.
    await page.getByRole('spinbutton', { name: 'Walker shown' }).fill('11')
    await page.getByRole('spinbutton', { name: 'Walker shown' }).press('Enter')
    await page.locator('figure:has(#molecule-view) figcaption').filter({ hasText: 'Walker 11 at step' }).waitFor(WAIT)

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

    // Metadynamics biases the map's two variables, and the map shows its estimate of F instead of a histogram.
    await page
      .locator('section.molecules')
      .getByRole('combobox', { name: 'Optimizer or sampler' })
      .selectOption('metadynamics')
    await page.getByRole('button', { name: 'Run the molecules' }).click()
    await page.locator('#cv-map-title').filter({ hasText: 'from the metadynamics bias' }).waitFor(WAIT)
    await page
      .locator('.molecules .note')
      .filter({ hasText: /[\d,]+ hills so far/ })
      .waitFor(WAIT)
    await page.getByRole('button', { name: 'Stop the molecules' }).click()
    expect(await page.locator('#cv-map .heatmaplayer image').count()).toBeGreaterThan(0)

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

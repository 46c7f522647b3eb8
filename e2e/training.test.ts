import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { ascii, WAIT } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** The y values of each trace of a plotly figure in the element `id`. */
function traces(page: import('playwright-core').Page, id: string): Promise<(number | null)[][]> {
  return page.evaluate((elementId) => {
    const gd = document.getElementById(elementId) as (HTMLElement & { data?: { y?: (number | null)[] }[] }) | null
    return (gd?.data ?? []).map((t) => Array.from(t.y ?? []))
  }, id)
}

describe.skipIf(!chromiumPath)('the training section', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('trains the default network: regions and loss drawn, loss falls, slice built; bad layers named', async () => {
    const { page, errors, offsite } = await openPage(browser, appUrl)
    const heading = page.getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
    await heading.scrollIntoViewIfNeeded()
    const data = page.getByRole('combobox', { name: 'Data set' })
    await data.waitFor(WAIT)
    expect(await data.inputValue()).toBe('circle')

    // The default network trains for a few seconds: the decision regions and every walker's loss curve appear.
    await page.getByRole('button', { name: 'Run the networks' }).click()
    await page.locator('#training-regions .heatmaplayer image').first().waitFor(WAIT)
    await page.locator('#training-loss .scatterlayer .trace').first().waitFor(WAIT)
    await page.waitForFunction(
      () => /Step ([\d,]{3,})/.test(document.querySelector('.training .status')?.textContent ?? ''),
      undefined,
      WAIT,
    )
    await page.getByRole('button', { name: 'Stop the networks' }).click()
    const status = ascii((await page.locator('.training .status').textContent()) ?? '')
    // Its loss and accuracy, or what the latest Hessian record says near a critical point.
    const hessianWords = /Walker 1: (near a saddle|at a minimum|on a plateau).*, from the Hessian at step [\d,]+\./
    if (!hessianWords.test(status)) expect(status).toMatch(/Walker 1: training, loss [\d.]+, accuracy [\d.]+%/)
    expect(status).toMatch(/4 walkers: 4 training/)
    // Every walker's loss has fallen well below its start.
    const curves = await traces(page, 'training-loss')
    expect(curves).toHaveLength(4)
    for (const y of curves) {
      const values = y.filter((v): v is number => v !== null)
      expect(values[values.length - 1]!).toBeLessThan(0.7 * values[0]!)
    }

    // Walker 1's Hessian spectrum over training: at least the record at step 0, in all three panels.
    const spectrum = await traces(page, 'training-spectrum')
    expect(spectrum).toHaveLength(3)
    for (const y of spectrum) expect(y.filter((v) => v !== null).length).toBeGreaterThanOrEqual(1)
    expect(spectrum[0]![0]!).toBeGreaterThan(0)
    // The line from its initial to its current weights: drawn over alpha in [-0.5, 1.5], the ends marked, in words.
    await page.getByRole('button', { name: 'Line from the initial to the current weights' }).click()
    await page.locator('#training-line .scatterlayer .trace').first().waitFor(WAIT)
    const line = await traces(page, 'training-line')
    expect(line[0]!.length).toBe(81)
    expect(line[1]!.length).toBe(2)
    expect(line[1]![1]!).toBeLessThan(line[1]![0]!)
    const lineText = ascii((await page.locator('.training .line .words').textContent()) ?? '')
    expect(lineText).toMatch(/^From the initial weights \(α = 0, loss [\d.]+\) to walker 1's weights at step [\d,]+ /)
    expect(lineText).toMatch(/\(α = 1, loss [\d.e-]+\): (no barrier|a barrier of [\d.e-]+ at α = [\d.]+)/)

    // A slice through walker 1's weights along random filter-normalised directions, its path drawn on it.
    await page.getByRole('button', { name: 'Build slice' }).click()
    await page.locator('#training-slice .heatmaplayer image').first().waitFor(WAIT)
    await page.locator('#training-slice .scatterlayer .trace').first().waitFor(WAIT)
    const timing = (await page.locator('.training .timing').textContent()) ?? ''
    expect(timing).toMatch(/^[\d,]+ ms$/)
    // The grid's rows were shared among the page's band workers (one per core the browser reports, up to 4).
    const sliceNote = (await page.locator('.training .timing').locator('..').textContent()) ?? ''
    const cores = await page.evaluate(() => navigator.hardwareConcurrency)
    const workers = Math.max(1, Math.min(4, cores))
    expect(sliceNote).toContain(workers === 1 ? 'in one worker' : `in ${workers} workers side by side`)
    const hover = await page.evaluate(() => {
      const gd = document.getElementById('training-slice') as HTMLElement & { data: { text?: string[] }[] }
      return gd.data[1]?.text ?? []
    })
    expect(hover.length).toBeGreaterThan(2)
    expect(ascii(hover[0]!)).toMatch(/^step 0: [\d.e+-]+ off the plane; true loss [\d.e+-]+ (above|below) the plane's/)
    expect(hover[hover.length - 1]).toMatch(/on the plane; true loss as the plane's/)

    // A bad layer text: one clear message beside the field, and no run.
    const layers = page.getByRole('textbox', { name: 'Layers' })
    await layers.fill('2-8-x-1')
    await layers.press('Enter')
    const alert = page.locator('.training [role="alert"]')
    await alert.first().waitFor(WAIT)
    expect(await alert.count()).toBe(1)
    expect(await alert.textContent()).toBe(
      "layers: 'x' is not a whole number; " +
        'write the sizes from the 2 inputs to the 1 output joined by dashes, e.g. 2-8-8-1',
    )
    expect(await layers.getAttribute('aria-invalid')).toBe('true')
    expect(await page.getByRole('button', { name: 'Run the networks' }).isDisabled()).toBe(true)

    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })

  test('clicked points are added on the data plane and survive a reload', async () => {
    const { page, errors, offsite } = await openPage(browser, appUrl)
    await page
      .getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
      .scrollIntoViewIfNeeded()
    const data = page.getByRole('combobox', { name: 'Data set' })
    await data.waitFor(WAIT)
    await data.selectOption('user')
    await page.locator('.training [role="alert"]').filter({ hasText: 'no points yet' }).waitFor(WAIT)
    const plot = page.locator('#training-regions')
    await plot
      .locator('.nsewdrag')
      .first()
      .waitFor({ ...WAIT, state: 'attached' })
    // A click in the plot area adds a point of the class chosen (the box read after the radio scrolled the page).
    const clickAt = async (fx: number, fy: number) => {
      await plot.scrollIntoViewIfNeeded()
      const box = (await plot.locator('.nsewdrag').first().boundingBox())!
      await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy)
    }
    await page.getByRole('radio', { name: 'class 0 (blue)' }).check()
    await clickAt(0.25, 0.25)
    await page.getByRole('radio', { name: 'class 1 (orange)' }).check()
    await clickAt(0.75, 0.75)
    await page.locator('.training .count').filter({ hasText: '2 of at most 500 points' }).waitFor(WAIT)
    // Two points of two classes make a data set: no message, and the network can run.
    expect(await page.locator('.training [role="alert"]').count()).toBe(0)
    expect(await page.getByRole('button', { name: 'Run the networks' }).isDisabled()).toBe(false)

    await page.reload()
    await page
      .getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
      .scrollIntoViewIfNeeded()
    await page.getByRole('combobox', { name: 'Data set' }).selectOption('user')
    await page.locator('.training .count').filter({ hasText: '2 of at most 500 points' }).waitFor(WAIT)

    // The points travel in a link: a page opened with it starts on them; a bad link is named and changes nothing.
    await page.getByRole('button', { name: 'Copy a link with these points' }).click()
    const link = await page.getByRole('textbox', { name: 'Link with these points' }).inputValue()
    expect(link).toMatch(/\?points=[-\d.%C2B]+$/)
    const shared = await openPage(browser, link)
    await shared.page
      .getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
      .scrollIntoViewIfNeeded()
    await shared.page.locator('.training .count').filter({ hasText: '2 of at most 500 points' }).waitFor(WAIT)
    expect(await shared.page.getByRole('combobox', { name: 'Data set' }).inputValue()).toBe('user')
    await shared.page.goto(`${appUrl}?points=${encodeURIComponent('1.00,2.00,1;3.00,x,0')}`)
    await shared.page
      .getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
      .scrollIntoViewIfNeeded()
    await shared.page
      .locator('.training [role="alert"]')
      .filter({ hasText: /the link's points were not read: entry 2 of 2/ })
      .waitFor(WAIT)
    await shared.page.locator('.training .count').filter({ hasText: '2 of at most 500 points' }).waitFor(WAIT)
    expect([...shared.errors, ...shared.offsite]).toEqual([])
    await shared.page.close()

    await page.getByRole('button', { name: 'Clear' }).click()
    await page.locator('.training .count').filter({ hasText: '0 of at most 500 points' }).waitFor(WAIT)

    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })
})

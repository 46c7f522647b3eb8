import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { ab13DescentVsAnnealing } from '../src/core/experiments/systems/ab13-descent-vs-annealing'
import { checkSystemExperiment } from '../src/core/experiments/systems/types'
import { ascii, WAIT } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

describe.skipIf(!chromiumPath)("the molecules' guided experiments", () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('descends from 100 random starts of LJ13 into a histogram; an experiment opens at its question', async () => {
    const { page, errors, offsite } = await openPage(browser, appUrl)
    const heading = page.getByRole('heading', { name: 'Guided experiments on molecules' })
    await heading.scrollIntoViewIfNeeded()
    const starts = page.getByRole('spinbutton', { name: 'Random starts' })
    await starts.waitFor(WAIT)
    expect(await starts.inputValue()).toBe('1000')
    expect(await page.getByRole('combobox', { name: 'Cluster or chain' }).inputValue()).toBe('lj13')
    expect(await page.getByRole('combobox', { name: 'Minimiser' }).inputValue()).toBe('lbfgs')

    await starts.fill('100')
    await page.getByRole('button', { name: 'Run the descents' }).click()
    const summary = page.locator('[data-descent-summary]')
    await summary.waitFor(WAIT)
    // Seed 1: 20 of the 100 L-BFGS descents reach the icosahedron (the core's descent test counts them).
    expect(ascii((await summary.textContent()) ?? '')).toMatch(
      /^\s*20 of 100 starts \(20%\) reach the global minimum -44\.33; the other 80 end in \d+ other minima\./,
    )
    await page.locator('#descent-histogram .barlayer .point').first().waitFor(WAIT)
    expect(await page.locator('#descent-histogram .barlayer .point').count()).toBeGreaterThan(3)

    // The third experiment's tab shows its question and asks for a prediction first.
    const tab = page.getByRole('tab', { name: /^M3 / })
    await tab.click()
    const panel = page.locator('[data-system-experiment="ab13-descent-vs-annealing"]')
    expect(await panel.isVisible()).toBe(true)
    expect(await panel.locator('.question').textContent()).toContain(
      'How low do descent and annealing get, measured against the folded ground state?',
    )
    expect(await panel.getByRole('radio').count()).toBe(4)
    expect(await panel.getByRole('button', { name: 'Predict, then run' }).isDisabled()).toBe(true)

    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })

  /**
   * The seeded runs on systems give the same numbers in Chromium as in Node, bit for bit: the AB-13
   * experiment (chains grown from counter-based uniforms, L-BFGS descents, BAOAB annealing in the
   * angles, quenches into the catalogue), run by the page's worker and by this process.
   */
  test('an experiment on a system gives in the page the numbers it gives in Node, bit for bit', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await page.getByRole('heading', { name: 'Guided experiments on molecules' }).scrollIntoViewIfNeeded()
    const tab = page.getByRole('tab', { name: /^M3 / })
    await tab.waitFor(WAIT)
    await tab.click()
    const panel = page.locator('[data-system-experiment="ab13-descent-vs-annealing"]')
    await panel.getByRole('button', { name: 'Run without predicting' }).click()
    const numbers = panel.locator('[data-numbers]')
    await numbers.waitFor({ ...WAIT, state: 'attached' })
    const inPage = JSON.parse((await numbers.getAttribute('data-numbers')) ?? '{}') as Record<string, number>
    const inNode = checkSystemExperiment(ab13DescentVsAnnealing).numbers
    expect(Object.keys(inPage).length).toBeGreaterThan(5)
    expect(inPage).toEqual(inNode)
    expect(errors).toEqual([])
    await page.close()
  })
})

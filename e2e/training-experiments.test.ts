import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { sgdEscapesSaddle } from '../src/core/experiments/training/sgd-escapes-saddle'
import { WAIT } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

describe.skipIf(!chromiumPath)('the guided experiments on training', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  /**
   * The fastest experiment (SGD against gradient descent at a saddle, a twentieth of a second in Node):
   * predicted, run by the page's worker, its figure drawn, its verdict and outcome written, and its
   * numbers the same as in this process, bit for bit.
   */
  test('the saddle experiment, predicted and run: its figure, its verdict, the numbers it gives in Node', async () => {
    const { page, errors, offsite } = await openPage(browser, appUrl)
    await page.getByRole('heading', { name: 'Guided experiments on training' }).scrollIntoViewIfNeeded()
    const tab = page.getByRole('tab', { name: /^T2 / })
    await tab.waitFor(WAIT)
    await tab.click()
    const panel = page.locator('[data-training-experiment="sgd-escapes-saddle"]')
    expect(await panel.isVisible()).toBe(true)
    expect(await panel.locator('.shows').textContent()).toMatch(/^It shows /)
    expect(await panel.getByRole('radio').count()).toBe(4)
    const predict = panel.getByRole('button', { name: 'Predict, then run' })
    expect(await predict.isDisabled()).toBe(true)

    await panel.getByRole('radio', { name: 'only SGD with small batches' }).check()
    await predict.click()
    const verdict = panel.locator('[data-verdict]')
    await verdict.waitFor(WAIT)
    expect(await verdict.getAttribute('data-verdict')).toBe('holds')
    expect(await verdict.textContent()).toContain('The claim holds.')
    expect(await verdict.textContent()).toContain('20 of 20')
    expect(await panel.locator('.prediction').getAttribute('data-prediction')).toBe('true')
    expect(await panel.locator('.prediction').textContent()).toContain('as you said')

    // The figure: a bar for gradient descent, SGD with B = N and SGD with B = 2.
    await page.locator('#sgd-escapes-saddle-figure .barlayer .point').first().waitFor(WAIT)
    expect(await page.locator('#sgd-escapes-saddle-figure .barlayer .point').count()).toBe(3)

    const numbers = panel.locator('[data-numbers]')
    const inPage = JSON.parse((await numbers.getAttribute('data-numbers')) ?? '{}') as Record<string, number>
    expect(inPage).toEqual(sgdEscapesSaddle.run())

    expect(errors).toEqual([])
    expect(offsite).toEqual([])
    await page.close()
  })
})

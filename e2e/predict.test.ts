import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { experimentById } from '../src/core/experiments'
import { launchChromium, openPage } from './chromium'
import { WAIT } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** Guided experiment 1: gradient descent stops in MC, which the prediction's outcome names. */
const EXPERIMENT = experimentById('local-minimum')!

/** The ?bench hook's parts these tests read (src/ui/run/bench-hook.ts). */
interface PredictHook {
  step(): number
  playing(): boolean
  setSpeed(steps: number): void
  unthrottled(on: boolean): void
  page: { experiment(): { id: string; failures: string[] | null } | null }
}

function probe<T>(page: Page, call: (h: PredictHook) => T): Promise<T> {
  return page.evaluate(`(${call.toString()})(window.__landscape)`) as Promise<T>
}

/** Opens experiment 1 from the Experiments menu. */
async function openExperiment(page: Page): Promise<void> {
  await page.getByText('Experiments', { exact: true }).click()
  await page.locator(`button[data-experiment="${EXPERIMENT.id}"]`).click()
  await page.locator(`section.experiment[data-experiment="${EXPERIMENT.id}"]`).waitFor(WAIT)
}

/** Runs at full speed from now on, and waits for the claim's verdict. */
async function verdictHolds(page: Page): Promise<void> {
  await probe(page, (h) => {
    h.setSpeed(1000)
    h.unthrottled(true)
  })
  await expect
    .poll(() => page.locator('section.experiment [data-verdict]').getAttribute('data-verdict'), { timeout: 60_000 })
    .toBe('holds')
}

describe.skipIf(!chromiumPath)('predict, then run', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('an opened experiment asks its prediction first and waits; the answer stands beside the outcome', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await openExperiment(page)
    const prediction = EXPERIMENT.prediction!
    const form = page.locator('form.predict')
    await form.waitFor(WAIT)
    expect(await form.locator('legend').innerText()).toContain(prediction.question)
    const radios = form.getByRole('radio')
    expect(await radios.count()).toBe(prediction.choices.length)
    const run = form.getByRole('button', { name: 'Predict and run' })
    expect(await run.isDisabled()).toBe(true)
    // Nothing runs while the question is open.
    await page.waitForTimeout(1500)
    expect(await probe(page, (h) => [h.step(), h.playing()])).toEqual([0, false])

    await form.getByRole('radio', { name: 'MB' }).check()
    await run.click()
    await form.waitFor({ ...WAIT, state: 'detached' })
    // The buttons are gone: the focus moves on to the verdict it waits for, not to the page's top.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('verdict'))).toBe(true)
    await verdictHolds(page)
    expect(await probe(page, (h) => h.step())).toBe(EXPERIMENT.steps)
    const said = page.locator('section.experiment .prediction')
    await expect.poll(() => said.getAttribute('data-prediction'), WAIT).toBe('false')
    expect((await said.innerText()).replace(/\s+/g, ' ')).toBe('You predicted: MB. Outcome: MC (the shallowest).')

    // Opened again in the same session, the experiment keeps the answer and runs at once.
    await page.locator('section.experiment button.close').click()
    await openExperiment(page)
    expect(await page.locator('form.predict').count()).toBe(0)
    await verdictHolds(page)
    expect((await said.innerText()).replace(/\s+/g, ' ')).toContain('You predicted: MB. Outcome: MC')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  test('with predict=0 in the link no question is asked and the experiment runs at once', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench&predict=0`)
    await openExperiment(page)
    await verdictHolds(page)
    expect(await page.locator('form.predict').count()).toBe(0)
    expect(await page.locator('section.experiment .prediction').count()).toBe(0)
    // The address the page keeps writing, and a copied link, keep predictions off (a reload asks nothing).
    await expect.poll(() => page.url(), WAIT).toMatch(/&predict=0/)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)

  test('a predict value that is not 0 or 1 is named in the page notice, and the question is asked', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench&predict=maybe`)
    await page.locator('.notice').waitFor(WAIT)
    expect(await page.locator('.notice').innerText()).toMatch(/predict.*must be 0/)
    await openExperiment(page)
    await page.locator('form.predict').waitFor(WAIT)
    await page.getByRole('button', { name: 'Skip' }).click()
    await verdictHolds(page)
    expect(await page.locator('section.experiment .prediction').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

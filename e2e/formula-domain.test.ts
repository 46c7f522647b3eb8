import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { MULLER_BROWN, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** The colour range of the contour map as plotly has it. */
function contourRange(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const plot = document.getElementById('contour-plot') as
      (HTMLElement & { data?: { zmin?: number; zmax?: number }[] }) | null
    const trace = plot?.data?.[0]
    return [trace?.zmin ?? NaN, trace?.zmax ?? NaN] as [number, number]
  })
}

/** Waits until the contour map's colours top out at `zmax` (the surface drawn is the one expected). */
async function drawnWithMax(page: Page, zmax: number): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const plot = document.getElementById('contour-plot') as (HTMLElement & { data?: { zmax?: number }[] }) | null
      const top = plot?.data?.[0]?.zmax
      return top !== undefined && Math.abs(top - wanted) <= 1e-9 * Math.abs(wanted)
    },
    zmax,
    WAIT,
  )
}

/** Waits until the address names `text` (the page writes it a moment after a change settles). */
async function addressHas(page: Page, text: string): Promise<void> {
  await page.waitForFunction((wanted) => location.search.includes(wanted), text, WAIT)
}

describe.skipIf(!chromiumPath)('formulas that break on part of the domain, and the history of surfaces', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('log(x) says where U is undefined, and the colours span only the finite values', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('log(x)')
    const note = page.locator('#formula-ground')
    await note.waitFor(WAIT)
    expect(await note.textContent()).toContain(
      'U is undefined (log of a negative number) on 50% of the domain (x ≤ 0).',
    )
    // log(x) on (0, 5]: the map's colours run up to log 5 = 1.61, not to a huge number.
    await page.waitForFunction(() => {
      const plot = document.getElementById('contour-plot') as (HTMLElement & { data?: { zmax?: number }[] }) | null
      const zmax = plot?.data?.[0]?.zmax
      return zmax !== undefined && zmax < 2
    }, WAIT)
    const [zmin, zmax] = await contourRange(page)
    expect(Number.isFinite(zmin) && Number.isFinite(zmax)).toBe(true)
    expect(zmax).toBeCloseTo(Math.log(5), 1)
    expect(zmin).toBeLessThan(-3)
    // No critical point is marked: log(x) has none.
    expect(await page.locator('#contour-labels text').count()).toBe(0)

    // A surface usable everywhere says nothing (negative control).
    await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('x^2 + y^2')
    await page.locator('#formula-ground').waitFor({ state: 'detached', ...WAIT })
    expect(errors).toEqual([])
    await page.close()
  })

  test('exp(1000 x) states its overflow and keeps a finite colour bar', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('exp(1000*x)')
    const note = page.locator('#formula-ground')
    await note.waitFor(WAIT)
    expect(await note.textContent()).toContain('U overflows (exp of a large number')
    expect(await note.textContent()).toContain('of the domain (x ≥ 0.355)')
    const [, zmax] = await contourRange(page)
    expect(zmax).toBeLessThanOrEqual(2 ** 512)
    expect(errors).toEqual([])
    await page.close()
  })

  test('a typed formula stays under "Your formula" while atlas surfaces are picked', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const box = page.getByRole('textbox', { name: 'U(x, y) =' })
    const picker = page.getByRole('combobox', { name: 'Surface' })
    await box.fill('(x^2 - 1)^2 + y^2')
    // Its largest value on [-5, 5]^2 is at a corner: 24^2 + 25 = 601.
    await drawnWithMax(page, 601)
    await picker.selectOption('himmelblau')
    await page.waitForFunction(
      () => !document.querySelector<HTMLTextAreaElement>('#formula')?.value.includes('(x^2 - 1)'),
      undefined,
      WAIT,
    )
    const yours = picker.locator('option[value="custom"]')
    expect(await yours.isDisabled()).toBe(false)
    expect(await yours.textContent()).toBe('Your formula: (x^2 - 1)^2 + y^2')

    await picker.selectOption('custom')
    await drawnWithMax(page, 601)
    expect(await box.inputValue()).toBe('(x^2 - 1)^2 + y^2')
    expect(await picker.inputValue()).toBe('custom')
    expect(errors).toEqual([])
    await page.close()
  })

  test('Back and Forward move between the surfaces the user has had, inside the page', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const picker = page.getByRole('combobox', { name: 'Surface' })
    await addressHas(page, 'muller-brown')
    const [, mullerBrown] = await contourRange(page)
    await picker.selectOption('himmelblau')
    await addressHas(page, 'himmelblau')
    const [, himmelblau] = await contourRange(page)
    expect(himmelblau).not.toBe(mullerBrown)
    await picker.selectOption('rosenbrock')
    await addressHas(page, 'rosenbrock')

    await page.goBack()
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('#surface-picker')?.value === 'himmelblau',
      undefined,
      WAIT,
    )
    expect(new URL(page.url()).origin).toBe(new URL(appUrl).origin)
    expect(page.url()).toContain('himmelblau')
    await drawnWithMax(page, himmelblau)

    await page.goBack()
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('#surface-picker')?.value === 'muller-brown',
      undefined,
      WAIT,
    )
    await drawnWithMax(page, mullerBrown)

    await page.goForward()
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('#surface-picker')?.value === 'himmelblau',
      undefined,
      WAIT,
    )
    // Landing on an entry adds none: Forward still reaches the last surface.
    await page.goForward()
    await page.waitForFunction(
      () => document.querySelector<HTMLSelectElement>('#surface-picker')?.value === 'rosenbrock',
      undefined,
      WAIT,
    )
    expect(errors).toEqual([])
    await page.close()
  })
})

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import {
  ascii,
  contourXStart,
  controlMessage,
  hook,
  mapPoint,
  MULLER_BROWN,
  paintedPixels,
  plotLabels,
  shownStep,
  WAIT,
  waitForLabels,
  walkersAwayFromStarts,
} from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

describe.skipIf(!chromiumPath)('the playground page', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test(
    'loads Müller-Brown with its five critical points, ' + 'with no console errors and nothing fetched off-site',
    async () => {
      const { page, errors, offsite } = await openPage(browser, appUrl)
      await waitForLabels(page, MULLER_BROWN)
      expect(await plotLabels(page)).toEqual(MULLER_BROWN)
      expect(await page.locator('#contour-plot .contourlevel path').count()).toBeGreaterThan(10)
      // Three minima and two saddles, in the legend and in the table.
      const legend = await page.$$eval('#contour-plot .legendtext', (nodes) => nodes.map((n) => n.textContent))
      expect(legend).toEqual(['minimum', 'saddle'])
      const kinds = await page.$$eval('#critical-points tbody tr td:first-child', (cells) =>
        cells.map((c) => c.textContent?.split(/\s/)[0]),
      )
      expect(kinds.filter((k) => k === 'minimum')).toHaveLength(3)
      expect(kinds.filter((k) => k === 'saddle')).toHaveLength(2)
      expect(await page.getByRole('combobox', { name: 'Surface' }).inputValue()).toBe('muller-brown')
      expect(errors).toEqual([])
      expect(offsite).toEqual([])
      await page.close()
    },
  )

  test('draws the 3D surface: its WebGL canvas is not blank', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.locator('#surface-plot .gl-container canvas').first().waitFor(WAIT)
    // The middle of the scene, away from the legend and colour bar (SVG, drawn without WebGL).
    const colourfulShare = async () => {
      const box = await page.locator('#surface-plot').boundingBox()
      if (!box) return 0
      const clip = {
        x: box.x + box.width * 0.2,
        y: box.y + box.height * 0.3,
        width: box.width * 0.5,
        height: box.height * 0.4,
      }
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
          if (Math.max(data[i], data[i + 1], data[i + 2]) - Math.min(data[i], data[i + 1], data[i + 2]) > 60)
            colourful++
        }
        return colourful / (data.length / 4)
      }, png.toString('base64'))
    }
    await expect.poll(colourfulShare, WAIT).toBeGreaterThan(0.15)
    expect(errors).toEqual([])
    await page.close()
  })

  test('choosing another surface redraws both plots and restarts both lanes from step 0 at their starts', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(20)
    // Paused, so that the restart is seen at step 0 rather than raced.
    await hook(page, (h) => h.pause())
    await page.getByRole('combobox', { name: 'Surface' }).selectOption('himmelblau')
    await waitForLabels(page, ['X1 181.62'])
    await expect.poll(() => shownStep(page), WAIT).toBe(0)
    expect(await walkersAwayFromStarts(page, 2)).toEqual([])
    const labels = await plotLabels(page)
    // Four equal minima, named apart left to right (core/landscape/names.ts); saddles lowest first.
    expect(labels.filter((label) => / 0\.00$/.test(label))).toEqual(['M1 0.00', 'M2 0.00', 'M3 0.00', 'M4 0.00'])
    expect(labels.filter((label) => /^S\d /.test(label))).toHaveLength(4)
    expect(labels.some((label) => label.startsWith('MA'))).toBe(false)
    expect(await contourXStart(page)).toBe(-5)
    const surfaceX = await page.evaluate(() => {
      const plot = document.getElementById('surface-plot') as
        (HTMLElement & { data?: { x: ArrayLike<number> }[] }) | null
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
    await waitForLabels(page, ['S1 1.00', 'M1 0.00'])
    const labels = await plotLabels(page)
    // The two wells told apart by name: M1 on the left, M2 on the right.
    expect(labels).toEqual(['M1 0.00', 'M2 0.00', 'S1 1.00'])
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

  test('at phone width the map comes first, within 400 px, the rest below; the dark scheme is followed', async () => {
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
    // The map first, within the first 400 px; the formula and the 3D view below it.
    expect(layout.contourTop).toBeLessThan(400)
    expect(layout.formulaBottom).toBeGreaterThan(layout.contourTop)
    expect(layout.surfaceTop).toBeGreaterThan(layout.formulaBottom)
    const [r, g, b] = (layout.background.match(/\d+/g) ?? []).map(Number)
    expect(r + g + b).toBeLessThan(150)
    // plotly's text follows the theme too: light text on the dark page.
    expect(layout.axisTitle).toMatch(/fill: rgb\((2[0-9]{2}), /)
    expect(errors).toEqual([])
    await page.close()
  })

  test(
    'the default run plays: walkers drawn over the map and over the 3D surface, ' + 'the formula as mathematics',
    async () => {
      const { page, errors } = await openPage(browser, appUrl)
      await waitForLabels(page, MULLER_BROWN)
      await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(50)
      await expect.poll(() => paintedPixels(page, '#contour-plot ~ canvas.walkers'), WAIT).toBeGreaterThan(200)
      await expect.poll(() => paintedPixels(page, '#surface-plot ~ canvas.layer'), WAIT).toBeGreaterThan(200)
      await page.locator('.formula-tex .katex').waitFor(WAIT)
      expect(await page.getByRole('combobox', { name: 'Method' }).nth(0).inputValue()).toBe('gd')
      expect(await page.getByRole('combobox', { name: 'Method' }).nth(1).inputValue()).toBe('baoab')
      expect(errors).toEqual([])
      await page.close()
    },
  )

  test('space pauses, a click on the map drops every lane there, r resets; every control is labelled', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(0)
    await page.locator('body').press(' ')
    await page.getByRole('button', { name: 'Play' }).waitFor(WAIT)
    const target = await mapPoint(page, -0.5, 1.5)
    await page.mouse.click(target.x, target.y)
    const xs = page.getByRole('textbox', { name: 'x', exact: true })
    const ys = page.getByRole('textbox', { name: 'y', exact: true })
    await expect.poll(async () => Number(await xs.nth(0).inputValue()), WAIT).toBeCloseTo(-0.5, 1)
    expect(Number(await ys.nth(0).inputValue())).toBeCloseTo(1.5, 1)
    expect(Number(await xs.nth(1).inputValue())).toBeCloseTo(-0.5, 1)
    // The run restarted from there, every walker of both lanes at the point shown, and stays paused.
    await expect.poll(() => shownStep(page), WAIT).toBe(0)
    expect(await walkersAwayFromStarts(page, 2)).toEqual([])
    await page.getByRole('button', { name: 'Step' }).click()
    await expect.poll(() => shownStep(page), WAIT).toBe(1)
    // Space on a focused button presses the button: the shortcut is for the page.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    await page.locator('body').press(' ')
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(20)
    // Paused, so that the reset is seen at step 0 rather than raced.
    await page.locator('body').press(' ')
    await page.getByRole('button', { name: 'Play' }).waitFor(WAIT)
    await page.locator('body').press('r')
    await expect.poll(() => shownStep(page), WAIT).toBe(0)
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea, button')]
        .filter((el) => {
          const e = el as HTMLInputElement
          const named =
            (e.labels?.length ?? 0) > 0 ||
            e.getAttribute('aria-label') ||
            e.getAttribute('aria-labelledby') ||
            (e.tagName === 'BUTTON' && e.textContent?.trim())
          return !named
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    )
    expect(unlabelled).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  test('bad input is refused at its control while the run goes on; too big a learning rate diverges', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    const refused = async (control: ReturnType<Page['getByRole']>, text: string, message: RegExp) => {
      const before = await control.inputValue()
      await control.fill(text)
      await control.press('Enter')
      const shown = await controlMessage(page, control)
      expect(shown.invalid).toBe('true')
      expect(shown.message).toMatch(message)
      // Not applied: Escape shows the value still in force.
      await control.press('Escape')
      expect(await control.inputValue()).toBe(before)
    }
    // The lane cards' boxes (the same settings beside the map are named by their lane: 'A learning rate').
    const cards = page.getByRole('region', { name: 'Lanes', exact: true })
    await refused(cards.getByRole('textbox', { name: 'dt (time)' }), '-0.01', /out of range/)
    await refused(cards.getByRole('textbox', { name: 'kT (energy)' }), '0', /out of range/)
    await refused(cards.getByRole('textbox', { name: 'learning rate' }), '1e9', /out of range/)
    await refused(page.getByRole('textbox', { name: 'Walkers', exact: true }).nth(1), '1000000', /1 to 10,000/)
    await refused(page.getByRole('textbox', { name: 'x min' }), '5', /x max must be above x min/)
    await refused(page.getByRole('textbox', { name: 'Seed' }), '-1', /whole number/)
    const formula = page.getByRole('textbox', { name: 'U(x, y) =' })
    await formula.fill('')
    await page.locator('#formula-error').waitFor(WAIT)
    expect(await plotLabels(page)).toEqual(MULLER_BROWN)
    // The run goes on through all of it.
    const step = await shownStep(page)
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(step)

    // lr = 0.01 is inside the valid range but far beyond 2/lambda_max on Müller-Brown: it runs, and diverges.
    const lr = cards.getByRole('textbox', { name: 'learning rate' })
    await lr.fill('0.01')
    await lr.press('Enter')
    const diverged = () => hook(page, (h) => h.statusCounts()[0]?.[6] ?? 0)
    await expect.poll(diverged, WAIT).toBe(1)
    expect(await controlMessage(page, lr)).toMatchObject({ invalid: 'false' })
    // Said in words in the lane's panel, and the page still runs: the sampler lane goes on.
    const status = page.getByRole('region', { name: 'Lane A', exact: true }).locator('p.status')
    await expect
      .poll(async () => ascii((await status.textContent()) ?? ''), WAIT)
      .toMatch(/^Diverged at step \d+: learning rate 0\.01 is above the stability limit/)
    const later = await shownStep(page)
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(later)
    expect(errors).toEqual([])
    await page.close()
  })

  test('a crash of the simulation worker is shown with a restart button; restarting keeps every setting', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`)
    await waitForLabels(page, MULLER_BROWN)
    const seed = page.getByRole('textbox', { name: 'Seed' })
    await seed.fill('7')
    await seed.press('Enter')
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(10)
    await page.getByRole('button', { name: 'Pause' }).click()
    await page.evaluate(() => (window as unknown as { __landscape: { crash(): void } }).__landscape.crash())
    const alert = page.getByRole('alert')
    await expect.poll(() => alert.textContent(), WAIT).toContain('The simulation stopped')
    await page.getByRole('button', { name: 'Restart the simulation' }).click()
    await expect.poll(() => alert.count(), WAIT).toBe(0)
    // A new run from step 0, and it plays.
    await expect.poll(() => shownStep(page), WAIT).toBe(0)
    await page.getByRole('button', { name: 'Play' }).click()
    await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(10)
    expect(await seed.inputValue()).toBe('7')
    expect(await page.getByRole('combobox', { name: 'Surface' }).inputValue()).toBe('muller-brown')
    expect(errors).toEqual([])
    await page.close()
  })

  test('the basin overlay colours the map, and a free parameter gets a slider', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const overlay = '#contour-plot ~ canvas.layer:not(.walkers)'
    expect(await paintedPixels(page, overlay)).toBe(0)
    await page.getByRole('checkbox', { name: 'Basins of the minima' }).check()
    await expect.poll(() => paintedPixels(page, overlay), WAIT).toBeGreaterThan(1000)
    expect(await page.locator('.legend li').allTextContents()).toEqual([
      'basin of MA −146.70',
      'basin of MB −108.17',
      'basin of MC −80.77',
    ])

    await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('a*(x^2 - 1)^2 + y^2')
    const a = page.getByRole('textbox', { name: 'a', exact: true })
    await a.waitFor(WAIT)
    await a.fill('3')
    await a.press('Enter')
    await waitForLabels(page, ['S1 3.00'])
    expect(errors).toEqual([])
    await page.close()
  })

  test('the 3D camera and the 2D zoom survive new settings', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    await page.locator('#surface-plot .gl-container canvas').first().waitFor(WAIT)
    const box = (await page.locator('#surface-plot').boundingBox())!
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
    await page.mouse.down()
    await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2 + 30, { steps: 10 })
    await page.mouse.up()
    const map = (await page.locator('#contour-plot .nsewdrag').boundingBox())!
    await page.mouse.move(map.x + 40, map.y + 40)
    await page.mouse.down()
    await page.mouse.move(map.x + 200, map.y + 180, { steps: 8 })
    await page.mouse.up()
    const view = () =>
      page.evaluate(() => {
        type Plot = HTMLElement & { _fullLayout: { scene: { camera: { eye: unknown } }; xaxis: { range: number[] } } }
        const surface = document.getElementById('surface-plot') as Plot
        const contour = document.getElementById('contour-plot') as Plot
        return JSON.stringify([surface._fullLayout.scene.camera.eye, contour._fullLayout.xaxis.range])
      })
    const before = await view()
    expect(JSON.parse(before)[0]).not.toEqual({ x: -1.3, y: -1.5, z: 1.7 })
    await page.getByRole('combobox', { name: 'Colour scale' }).selectOption('log')
    const seed = page.getByRole('textbox', { name: 'Seed' })
    await seed.fill('3')
    await seed.press('Enter')
    await page.waitForTimeout(1500)
    expect(await view()).toBe(before)
    expect(errors).toEqual([])
    await page.close()
  })
  test('samplers share one kT: a lane switched to HMC joins the others, a change moves them all', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForLabels(page, MULLER_BROWN)
    const kT = page.getByRole('textbox', { name: /^kT/ })
    await expect.poll(() => kT.count(), WAIT).toBe(1)
    await page.getByRole('combobox', { name: 'Method' }).first().selectOption('hmc')
    // HMC alone would take Müller-Brown's suggestion, 12; beside BAOAB at 20 it takes 20.
    await expect.poll(() => kT.count(), WAIT).toBe(2)
    expect([await kT.nth(0).inputValue(), await kT.nth(1).inputValue()]).toEqual(['20', '20'])
    await kT.nth(1).fill('35')
    await kT.nth(1).press('Enter')
    await expect.poll(() => kT.nth(0).inputValue(), WAIT).toBe('35')
    // Unlinked, each sampler keeps its own.
    await page.getByRole('checkbox', { name: 'Same kT for all samplers' }).uncheck()
    await kT.nth(0).fill('10')
    await kT.nth(0).press('Enter')
    await expect.poll(() => page.url(), WAIT).toContain('kT:10')
    expect(await kT.nth(1).inputValue()).toBe('35')
    expect(errors).toEqual([])
    await page.close()
  }, 120_000)
})

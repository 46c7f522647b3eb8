import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { MULLER_BROWN, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

const SIZES = [
  { name: 'laptop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
]

interface Menu {
  name: string
  button: (page: Page) => Locator
  panel: (page: Page) => Locator
  /** The first control of the open menu, which takes the focus. */
  first: (panel: Locator) => Locator
}

/** The toolbar's menus (src/ui/controls/popover.ts places them). */
const MENUS: Menu[] = [
  {
    name: 'Experiments',
    button: (page) => page.locator('summary', { hasText: 'Experiments' }),
    panel: (page) => page.getByRole('list', { name: 'Guided experiments' }),
    first: (panel) => panel.locator('button[data-experiment]').first(),
  },
  {
    name: 'Share',
    button: (page) => page.getByRole('button', { name: 'Share', exact: true }),
    panel: (page) => page.getByRole('region', { name: 'Share' }),
    first: (panel) => panel.getByRole('button', { name: 'Copy link' }),
  },
  {
    name: 'Export',
    button: (page) => page.getByRole('button', { name: 'Export' }),
    panel: (page) => page.getByRole('region', { name: 'Export' }),
    first: (panel) => panel.getByRole('combobox', { name: 'View' }),
  },
  {
    name: 'Settings',
    button: (page) => page.getByRole('button', { name: 'Settings', exact: true }),
    panel: (page) => page.getByRole('region', { name: 'Settings' }),
    first: (panel) => panel.getByRole('checkbox', { name: '3D view beside the map' }),
  },
]

/** Whether the element that has the focus is the one `locator` finds. */
function focused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === document.activeElement)
}

/** Controls inside the plotly figures that Tab stops at (the mode bars' buttons, before they were taken out). */
function plotTabStops(page: Page): Promise<number> {
  return page.evaluate(() => {
    const inside = document.querySelectorAll<HTMLElement>('.js-plotly-plot *')
    return [...inside].filter((e) => e.tabIndex >= 0 && !e.matches(':disabled') && e.getClientRects().length > 0).length
  })
}

describe.skipIf(!chromiumPath)('menus and the keyboard', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  for (const size of SIZES) {
    test(
      `at ${size.name} size (${size.width}×${size.height}): the skip link reaches the map, the plots add no ` +
        'tab stops, every menu (Experiments, Share, Export, Settings) opens inside the window and Escape closes ' +
        'it, the laptop toolbar is one row, and the speed slider steps by 1',
      async () => {
        const { page, errors } = await openPage(browser, appUrl, size)
        await waitForLabels(page, MULLER_BROWN)
        await page
          .locator('#contour-plot .modebar-btn')
          .first()
          .waitFor({ ...WAIT, state: 'attached' })
        await page
          .locator('#surface-plot .modebar-btn')
          .first()
          .waitFor({ ...WAIT, state: 'attached' })

        // The first Tab stop is the skip link; following it puts the focus on the map, in view.
        await page.keyboard.press('Tab')
        const skip = page.getByRole('link', { name: 'Skip to the map' })
        expect(await focused(skip)).toBe(true)
        expect(await skip.boundingBox()).not.toBeNull()
        await page.keyboard.press('Enter')
        expect(await page.evaluate(() => document.activeElement?.id)).toBe('contour-plot')
        const map = await page.locator('#contour-plot').boundingBox()
        expect(map!.y).toBeGreaterThan(0)
        expect(map!.y).toBeLessThan(size.height)
        expect(new URL(page.url()).hash).toBe('')

        // The mode bars are there for the mouse, and out of the Tab order: after the map comes no plot control.
        expect(await page.locator('.js-plotly-plot .modebar-btn').count()).toBeGreaterThan(0)
        expect(await plotTabStops(page)).toBe(0)

        for (const menu of MENUS) {
          await page.evaluate(() => window.scrollTo(0, 0))
          const button = menu.button(page)
          const panel = menu.panel(page)
          await button.focus()
          await page.keyboard.press('Enter')
          await panel.waitFor(WAIT)
          const box = await panel.boundingBox()
          expect(box, menu.name).not.toBeNull()
          const { x, y, width, height } = box!
          expect({ menu: menu.name, left: x >= 0, top: y >= 0 }).toEqual({ menu: menu.name, left: true, top: true })
          expect(x + width, `${menu.name}: right edge`).toBeLessThanOrEqual(size.width)
          expect(y + height, `${menu.name}: bottom edge`).toBeLessThanOrEqual(size.height)
          expect(await focused(menu.first(panel)), `${menu.name}: focus on its first item`).toBe(true)
          await page.keyboard.press('Tab')
          await page.keyboard.press('Escape')
          await panel.waitFor({ ...WAIT, state: 'hidden' })
          expect(await focused(button), `${menu.name}: focus back on its button`).toBe(true)
        }

        // At laptop size the toolbar is one row: the run controls and every menu's button side by side.
        if (size.width >= 1280) {
          const header = await page.locator('header.top').boundingBox()
          const play = await page.locator('.run-controls button.primary').boundingBox()
          for (const menu of MENUS) {
            const box = (await menu.button(page).boundingBox())!
            expect(box.y, `${menu.name}: on the toolbar's row`).toBeLessThan(play!.y + play!.height)
            expect(box.y + box.height, `${menu.name}: on the toolbar's row`).toBeGreaterThan(play!.y)
          }
          expect(header!.height).toBeLessThan(90)
          // Theme, lane colours and reset to defaults live in Settings, the links in Share.
          for (const name of ['Theme', 'Lane colours'])
            expect(await page.getByRole('combobox', { name }).count(), name).toBe(0)
          expect(await page.getByRole('button', { name: /Copy (embed )?link|Reset to defaults/ }).count()).toBe(0)
        }

        // Settings: the theme chosen there applies at once, and the menu stays open for the next choice.
        const settings = MENUS.find((m) => m.name === 'Settings')!
        await settings.button(page).click()
        await settings.panel(page).getByRole('combobox', { name: 'Theme' }).selectOption('dark')
        await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), WAIT).toBe('dark')
        expect(await settings.panel(page).isVisible()).toBe(true)
        await settings.panel(page).getByRole('combobox', { name: 'Theme' }).selectOption('system')
        // A click elsewhere closes it.
        await page.mouse.click(size.width / 2, size.height - 5)
        await settings.panel(page).waitFor({ ...WAIT, state: 'hidden' })

        // Choosing an experiment closes the list and gives the focus back to its button.
        const experiments = MENUS[0]
        await experiments.button(page).focus()
        await page.keyboard.press('Enter')
        await page.keyboard.press('Enter')
        await experiments.panel(page).waitFor({ ...WAIT, state: 'hidden' })
        expect(await focused(experiments.button(page))).toBe(true)

        // Steps per frame, a log slider of whole numbers: each arrow moves it by exactly 1.
        const slider = page.getByRole('slider', { name: /^Steps per frame slider/ })
        const box = page.getByRole('textbox', { name: 'Steps per frame', exact: true })
        const before = Number(await box.inputValue())
        await slider.focus()
        await page.keyboard.press('ArrowRight')
        await expect.poll(() => box.inputValue(), WAIT).toBe(String(before + 1))
        await page.keyboard.press('ArrowLeft')
        await page.keyboard.press('ArrowLeft')
        await expect.poll(() => box.inputValue(), WAIT).toBe(String(before - 1))

        expect(errors).toEqual([])
        await page.close()
      },
    )
  }
})

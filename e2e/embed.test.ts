import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { launchChromium, openPage } from './chromium'
import { hook, WAIT } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** A slide's or a course page's iframe. */
const FRAME = { width: 640, height: 420 }

interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** The contour map's box (the figure plotly draws, with its axes and colour bar). */
async function mapBox(page: Page): Promise<Box> {
  const box = await page.locator('#contour-plot').boundingBox()
  expect(box).not.toBeNull()
  return box!
}

/** The part of the frame a box covers (only what lies inside the frame counts). */
function share(box: Box): number {
  const width = Math.min(box.x + box.width, FRAME.width) - Math.max(box.x, 0)
  const height = Math.min(box.y + box.height, FRAME.height) - Math.max(box.y, 0)
  return (Math.max(0, width) * Math.max(0, height)) / (FRAME.width * FRAME.height)
}

/** The drawn map inside the figure: the contour rectangle between the axes (plotly's plot area). */
function drawnBox(page: Page): Promise<Box> {
  return page.evaluate(() => {
    const gd = document.getElementById('contour-plot') as HTMLElement & {
      _fullLayout: { xaxis: { _offset: number; _length: number }; yaxis: { _offset: number; _length: number } }
    }
    const r = gd.getBoundingClientRect()
    const { xaxis: ax, yaxis: ay } = gd._fullLayout
    return { x: r.left + ax._offset, y: r.top + ay._offset, width: ax._length, height: ay._length }
  })
}

/** Waits until the page has drawn its first surface (src/ui/views/first-draw.ts marks it). */
async function waitForMap(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('landscape:first-surface').length > 0, null, WAIT)
  await page
    .locator('#contour-plot .contourlevel path')
    .first()
    .waitFor({ ...WAIT, state: 'attached' })
}

/** The overlay's play/pause button, by its name (which says what a press does). */
const playButton = (page: Page) => page.getByRole('button', { name: /^(Play|Pause)$/ })

describe.skipIf(!chromiumPath)('an embed for slides and course pages', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test(
    'at 640×420 the map fills at least 80% of the frame, with the status lines under it and a play/pause ' +
      'button on its corner that the mouse and the keyboard toggle',
    async () => {
      const { page, errors, offsite } = await openPage(browser, `${appUrl}?embed=1&bench`, FRAME)
      await waitForMap(page)
      await expect.poll(() => hook(page, (h) => h.step()), WAIT).toBeGreaterThan(0)

      const map = await mapBox(page)
      const filled = share(map)
      console.info(`embed 640×420 with status lines: the map covers ${(100 * filled).toFixed(1)}% of the frame`)
      expect(filled).toBeGreaterThanOrEqual(0.8)
      // Within it, the contours themselves: the figure fills the frame (axes scaled apart, the colour bar upright
      // at the right, no legend) rather than a small square in a large figure.
      const drawn = share(await drawnBox(page))
      console.info(`  of which the contour rectangle between the axes: ${(100 * drawn).toFixed(1)}%`)
      expect(drawn).toBeGreaterThanOrEqual(0.5)
      // No toolbar: the page is the map, the status lines and a link to the full playground, and nothing scrolls.
      expect(await page.locator('.run-controls, header.top, .page-tools').count()).toBe(0)
      expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(FRAME.height)
      const lines = page.locator('.status-lines')
      expect(await lines.isVisible()).toBe(true)
      expect(await lines.locator('li').count()).toBe(2)
      const linesBox = (await lines.boundingBox())!
      expect(linesBox.y).toBeGreaterThanOrEqual(map.y + map.height - 1)
      expect(await page.getByRole('link', { name: /Open in the full playground/ }).isVisible()).toBe(true)

      // The button lies on the map's top-left corner, small, and says what a press does.
      const button = playButton(page)
      const box = (await button.boundingBox())!
      expect(box.x).toBeGreaterThanOrEqual(map.x)
      expect(box.y).toBeGreaterThanOrEqual(map.y)
      expect(box.x + box.width).toBeLessThanOrEqual(map.x + 60)
      expect(box.y + box.height).toBeLessThanOrEqual(map.y + 60)
      expect(box.width * box.height).toBeLessThan(50 * 50)

      // Autoplay: the button pauses; a click pauses, another plays again.
      expect(await hook(page, (h) => h.playing())).toBe(true)
      expect(await button.getAttribute('aria-label')).toBe('Pause')
      await button.click()
      await expect.poll(() => hook(page, (h) => h.playing()), WAIT).toBe(false)
      expect(await button.getAttribute('aria-label')).toBe('Play')
      // A frame already asked for may still land; then the step stands still.
      const still = async () => {
        const before = await hook(page, (h) => h.step())
        await page.waitForTimeout(400)
        return (await hook(page, (h) => h.step())) === before
      }
      await expect.poll(still, WAIT).toBe(true)
      const paused = await hook(page, (h) => h.step())
      await button.click()
      await expect.poll(() => hook(page, (h) => h.playing()), WAIT).toBe(true)
      await expect.poll(() => hook(page, (h) => h.step()), WAIT).toBeGreaterThan(paused)

      // The keyboard: the button is the next Tab stop after the skip link; Enter and Space press it once each.
      await page.getByRole('link', { name: 'Skip to the map' }).focus()
      await page.keyboard.press('Tab')
      expect(await button.evaluate((element) => element === document.activeElement)).toBe(true)
      await page.keyboard.press('Enter')
      await expect.poll(() => hook(page, (h) => h.playing()), WAIT).toBe(false)
      await page.keyboard.press('Space')
      await expect.poll(() => hook(page, (h) => h.playing()), WAIT).toBe(true)
      expect(await button.getAttribute('aria-label')).toBe('Pause')

      expect(errors).toEqual([])
      expect(offsite).toEqual([])
      await page.close()
    },
  )

  test('status=0 hides the status lines and the map takes their room; a status not 0 or 1 is named', async () => {
    const { page, errors } = await openPage(browser, `${appUrl}?embed=1&status=0`, FRAME)
    await waitForMap(page)
    expect(await page.locator('.status-lines').count()).toBe(0)
    const filled = share(await mapBox(page))
    console.info(`embed 640×420 without status lines: the map covers ${(100 * filled).toFixed(1)}% of the frame`)
    expect(filled).toBeGreaterThanOrEqual(0.9)
    const drawn = share(await drawnBox(page))
    console.info(`  of which the contour rectangle between the axes: ${(100 * drawn).toFixed(1)}%`)
    expect(drawn).toBeGreaterThanOrEqual(0.6)
    expect(await playButton(page).isVisible()).toBe(true)
    // The address keeps the choice while the page follows the run (a reload shows the same frame).
    await page.getByRole('button', { name: 'Pause' }).click()
    await expect.poll(() => new URL(page.url()).searchParams.get('step'), WAIT).not.toBeNull()
    expect(new URL(page.url()).searchParams.get('status')).toBe('0')
    expect(errors).toEqual([])
    await page.close()

    const bad = await openPage(browser, `${appUrl}?embed=1&status=maybe`, FRAME)
    const notice = bad.page.locator('.notice')
    await notice.waitFor(WAIT)
    expect(await notice.textContent()).toContain(
      'status: status must be 0 (an embed hides the status lines) or 1 (it shows them); they are shown',
    )
    await bad.page.locator('.status-lines').waitFor(WAIT)
    await bad.page.close()
  })

  test('the Share menu makes an embed link with or without the status lines', async () => {
    const { page, errors } = await openPage(browser, appUrl)
    await waitForMap(page)
    await page.getByRole('button', { name: 'Share', exact: true }).click()
    const menu = page.getByRole('region', { name: 'Share' })
    const link = menu.getByRole('textbox', { name: 'Link to this state' })
    await menu.getByRole('button', { name: 'Copy embed link' }).click()
    expect(await link.inputValue()).toMatch(/&end&embed=1$/)
    expect(await link.inputValue()).not.toContain('status=')
    await menu.getByRole('checkbox', { name: 'with the status lines' }).uncheck()
    await menu.getByRole('button', { name: 'Copy embed link' }).click()
    const embed = await link.inputValue()
    expect(embed).toMatch(/&status=0&end&embed=1$/)
    // The plain link is the full page's, whatever the embed's choice.
    await menu.getByRole('button', { name: 'Copy link' }).click()
    expect(await link.inputValue()).not.toMatch(/status=|embed=/)
    expect(errors).toEqual([])
    await page.close()

    const opened = await openPage(browser, embed, FRAME)
    await waitForMap(opened.page)
    expect(await opened.page.locator('.status-lines').count()).toBe(0)
    expect(share(await mapBox(opened.page))).toBeGreaterThanOrEqual(0.9)
    // The way back to the full page shows the status lines again.
    const full = opened.page.getByRole('link', { name: /Open in the full playground/ })
    await full.hover()
    expect(await full.getAttribute('href')).not.toContain('status=')
    expect(opened.errors).toEqual([])
    await opened.page.close()
  })
})

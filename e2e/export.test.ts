import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { EXPERIMENTS } from '../src/core/experiments'
import { decodeState, encodeState } from '../src/core/scenario/url'
import { VERSION } from '../src/core/version'
import { gifStructure } from '../src/ui/export/gif-frames'
import { launchChromium, openPage, type WatchedPage } from './chromium'
import { hook, MULLER_BROWN, shownStep, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

interface Saved {
  name: string
  bytes: Buffer
  text: string
}

/** Clicks an export button and takes the file it downloads (Playwright's download event). */
async function save(page: Page, button: string, scope = page.getByRole('region', { name: 'Export' })): Promise<Saved> {
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    scope.getByRole('button', { name: button, exact: true }).click(),
  ])
  const bytes = readFileSync((await download.path())!)
  return { name: download.suggestedFilename(), bytes, text: bytes.toString('utf8') }
}

/** Width and height from a PNG's IHDR chunk, after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Decodes a PNG in the page: its size, and how many pixels have (about) each of the given colours. */
function decodePng(
  page: Page,
  bytes: Buffer,
  colours: string[],
): Promise<{ width: number; height: number; counts: number[] }> {
  return page.evaluate(
    async ([base64, hexes]) => {
      const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob())
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
      const context = canvas.getContext('2d')!
      context.drawImage(bitmap, 0, 0)
      const { data } = context.getImageData(0, 0, bitmap.width, bitmap.height)
      const rgb = hexes.map((h) => [1, 3, 5].map((k) => Number.parseInt(h.slice(k, k + 2), 16)))
      const counts = rgb.map(() => 0)
      for (let i = 0; i < data.length; i += 4) {
        rgb.forEach(([r, g, b], k) => {
          if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 6) counts[k]++
        })
      }
      return { width: bitmap.width, height: bitmap.height, counts }
    },
    [bytes.toString('base64'), colours] as const,
  )
}

/** An SVG parsed by the page's DOMParser: parse errors, raster images, and its paths' fills. */
function parseSvg(
  page: Page,
  text: string,
): Promise<{ errors: number; images: number; fills: string[]; text: string; width: number; height: number }> {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml')
    const root = doc.documentElement
    return {
      errors: doc.getElementsByTagName('parsererror').length,
      images: doc.getElementsByTagName('image').length + (svg.includes('data:image') ? 1 : 0),
      fills: [...doc.getElementsByTagName('path')].map((p) => p.getAttribute('fill') ?? ''),
      text: [...doc.getElementsByTagName('text')].map((t) => t.textContent).join(' '),
      width: Number(root.getAttribute('width')),
      height: Number(root.getAttribute('height')),
    }
  }, text)
}

/** A plot's CSS size on the page, in whole pixels. */
function plotSize(page: Page, id: string): Promise<{ width: number; height: number }> {
  return page.evaluate((plot) => {
    const rect = document.getElementById(plot)!.getBoundingClientRect()
    return { width: Math.round(rect.width), height: Math.round(rect.height) }
  }, id)
}

/**
 * Pauses and waits until no frame is on its way (none published for 1.2 s: a loaded machine can take
 * longer than half a second to deliver a chunk already asked of the worker): what is drawn then stays drawn.
 */
async function pause(page: Page): Promise<number> {
  await hook(page, (h) => h.pause())
  const published = () =>
    page.evaluate(() => (window as unknown as { __landscape: { published(): number } }).__landscape.published())
  let last = await published()
  for (let quiet = 0; quiet < 4;) {
    await page.waitForTimeout(300)
    const now = await published()
    quiet = now === last ? quiet + 1 : 0
    last = now
  }
  return hook(page, (h) => h.step())
}

/** Advances the paused run by exactly `steps` steps. */
async function advance(page: Page, steps: number): Promise<number> {
  const from = await pause(page)
  await hook(page, (h, n) => h.advance(n), steps)
  await expect.poll(() => shownStep(page), WAIT).toBe(from + steps)
  return from + steps
}

const LANE_A = '#D55E00'
const LANE_B = '#CC79A7'
const scenarioOf = (link: string) => decodeState(link.slice(link.indexOf('?'))).state

describe.skipIf(!chromiumPath)('exports', () => {
  let browser: Browser
  let watched: WatchedPage
  let page: Page
  const menu = () => page.getByRole('region', { name: 'Export' })

  async function openMenu(): Promise<void> {
    if (!(await menu().isVisible())) await page.getByRole('button', { name: 'Export' }).click()
  }

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
    watched = await openPage(browser, `${appUrl}?bench`)
    page = watched.page
    await waitForLabels(page, MULLER_BROWN)
    await page.waitForFunction(
      () => (window as unknown as { __landscape: { step(): number } }).__landscape.step() > 0,
      null,
      WAIT,
    )
  })

  afterAll(async () => {
    await browser?.close()
  })

  test('the menu is reached and left by keyboard, and every control in it is labelled', async () => {
    const toggle = page.getByRole('button', { name: 'Export' })
    await toggle.focus()
    await page.keyboard.press('Enter')
    await menu().waitFor(WAIT)
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    // The focus moves into the menu, to its first control.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      await menu().getByRole('combobox', { name: 'View' }).getAttribute('id'),
    )
    for (const name of [
      'View PNG',
      'View SVG',
      'Figure PNG',
      'Figure SVG',
      'Caption text',
      'Trajectories CSV',
      'Positions CSV',
      'Histograms CSV',
      'Basins CSV',
      'Traces CSV',
      'All data JSON',
      'Animation…',
    ]) {
      expect(await menu().getByRole('button', { name, exact: true }).count(), name).toBe(1)
    }
    expect(await menu().getByRole('radiogroup', { name: 'PNG scale' }).getByRole('radio').count()).toBe(3)
    await page.keyboard.press('Tab')
    await page.keyboard.press('Escape')
    expect(await menu().count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Export/)
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
  })

  test(
    'PNGs of the map, the 3D view and a lane chart decode at exactly 1x, 2x and 4x their size, ' +
      'with the walkers drawn in',
    async () => {
      await advance(page, 100)
      await openMenu()
      const map = await plotSize(page, 'contour-plot')
      for (const scale of [1, 2, 4]) {
        await menu()
          .getByRole('radio', { name: `${scale}x` })
          .check()
        const png = await save(page, 'View PNG')
        expect(png.name).toMatch(
          new RegExp(`^muller-brown_map_step-\\d+_\\d{4}-\\d\\d-\\d\\d${scale > 1 ? `_${scale}x` : ''}\\.png$`),
        )
        const size = pngSize(png.bytes)
        expect(size).toEqual({ width: map.width * scale, height: map.height * scale })
        const decoded = await decodePng(page, png.bytes, [LANE_A, LANE_B])
        expect({ width: decoded.width, height: decoded.height }).toEqual(size)
        // The lone gradient-descent walker and the sampler's cloud, from the walker layer drawn at this scale.
        expect(decoded.counts[0]).toBeGreaterThan(20 * scale * scale)
        expect(decoded.counts[1]).toBeGreaterThan(400 * scale * scale)
      }
      await menu().getByRole('radio', { name: '2x' }).check()
      await menu().getByRole('combobox', { name: 'View' }).selectOption({ label: 'Surface in 3D with walkers' })
      const surface = await plotSize(page, 'surface-plot')
      const png3d = await save(page, 'View PNG')
      expect(png3d.name).toMatch(/^muller-brown_3d_step-\d+_.*_2x\.png$/)
      expect(pngSize(png3d.bytes)).toEqual({ width: surface.width * 2, height: surface.height * 2 })
      expect((await decodePng(page, png3d.bytes, [LANE_B])).counts[0]).toBeGreaterThan(400)

      await menu().getByRole('combobox', { name: 'View' }).selectOption({ label: 'Lane A: U of walker 1' })
      const chart = await page.evaluate(() => {
        const svg = [...document.querySelectorAll('figure.chart')]
          .find((f) => f.querySelector('.title')?.textContent === 'U of walker 1')!
          .querySelector('.plot svg')!
        return { width: Number(svg.getAttribute('width')), height: Number(svg.getAttribute('height')) }
      })
      const chartPng = await save(page, 'View PNG')
      // The chart and its title row (20 px).
      expect(pngSize(chartPng.bytes)).toEqual({ width: chart.width * 2, height: (chart.height + 20) * 2 })
      expect(watched.errors).toEqual([])
    },
    90_000,
  )

  test('SVGs of the 2D views are vectors: contour bands and walkers as paths, no raster image', async () => {
    const step = await advance(page, 50)
    await openMenu()
    await menu().getByRole('combobox', { name: 'View' }).selectOption({ label: 'Contour map with walkers' })
    const map = await save(page, 'View SVG')
    expect(map.name).toMatch(new RegExp(`^muller-brown_map_step-${step}_.*\\.svg$`))
    const svg = await parseSvg(page, map.text)
    expect(svg.errors).toBe(0)
    expect(svg.images).toBe(0)
    // Filled contour bands in viridis (#rrggbb fills other than the lanes', white and black).
    const bands = svg.fills.filter((f) => /^#[0-9a-f]{6}$/.test(f) && !['#ffffff', '#000000'].includes(f))
    expect(bands.length).toBeGreaterThan(15)
    // Each lane's walkers as one path of circles (two arcs each): 1 and 500 walkers.
    const walkers = (colour: string) => {
      const d = /<path d='([^']*)' fill='([^']*)' stroke='#000000' stroke-width='0.4'\/>/g
      return [...map.text.matchAll(d)].filter((m) => m[2] === colour).map((m) => (m[1].match(/a/g) ?? []).length / 2)
    }
    expect(walkers(LANE_A)).toEqual([1])
    expect(walkers(LANE_B)).toEqual([500])
    // Trails as stroked paths.
    expect(map.text).toMatch(new RegExp(`fill='none' stroke='${LANE_B}'`))

    await menu().getByRole('combobox', { name: 'View' }).selectOption({ label: 'Lane B: Energies, mean over walkers' })
    const chart = await parseSvg(page, (await save(page, 'View SVG')).text)
    expect(chart.errors).toBe(0)
    expect(chart.images).toBe(0)
    expect(chart.fills.length).toBeGreaterThanOrEqual(1)
    expect(chart.text).toContain('Lane B: Energies, mean over walkers')
  })

  test(
    'guided experiment 1, opened from its link and run to its stated steps: ' +
      "the figure's caption matches the state, in SVG and PNG",
    async () => {
      const experiment = EXPERIMENTS[0]
      // A link with a step replays the run to that step and pauses there.
      const atSteps = { ...experiment.state, view: { ...experiment.state.view, step: experiment.steps } }
      await page.goto(`${appUrl}?${encodeState(atSteps)}&bench`)
      await waitForLabels(page, MULLER_BROWN)
      await page.waitForFunction(
        (steps) => {
          const h = (window as unknown as { __landscape?: { step(): number; playing(): boolean } }).__landscape
          return h !== undefined && h.step() === steps && !h.playing()
        },
        experiment.steps,
        { timeout: 60_000 },
      )
      expect(await hook(page, (h) => h.scenario())).toEqual(experiment.state.scenario)
      await openMenu()
      const figure = await save(page, 'Figure SVG')
      expect(figure.name).toMatch(/^muller-brown_figure_step-5000_/)
      const svg = await parseSvg(page, figure.text)
      expect(svg.errors).toBe(0)
      expect(svg.images).toBe(0)
      const caption = svg.text.replace(/\s+/g, ' ')
      expect(caption).toContain('A: Gradient descent (lr = 1e-4), 1 walker from (x, y) = (0, 0.5).')
      expect(caption).toContain('B: Langevin (BAOAB) (kT = 20, dt = 0.002, γ = 5), 100 walkers from (x, y) = (0, 0.5).')
      expect(caption).toContain(`After 5,000 steps; seed 1; landscape playground ${VERSION}.`)
      const text = (await save(page, 'Caption text')).text
      expect(text.replace(/\s+/g, ' ')).toContain(caption.slice(caption.indexOf('Müller-Brown, U(x, y)')))
      expect(scenarioOf(text.trim().split('\n').pop()!)).toEqual({
        scenario: experiment.state.scenario,
        view: expect.objectContaining({ step: 5000, basins: true }),
      })

      await menu().getByRole('radio', { name: '2x' }).check()
      const png = await save(page, 'Figure PNG')
      expect(png.name).toMatch(/^muller-brown_figure_step-5000_.*_2x\.png$/)
      expect(pngSize(png.bytes)).toEqual({ width: svg.width * 2, height: svg.height * 2 })
    },
    90_000,
  )

  test(
    'a setting changed mid-run restarts the run, and the next figure says so: ' +
      'new seed, new kT, the step of the new frames',
    async () => {
      await pause(page)
      const seed = page.getByRole('textbox', { name: 'Seed' })
      await seed.fill('5')
      await seed.press('Enter')
      const kT = page.getByRole('region', { name: 'Lanes', exact: true }).getByRole('textbox', { name: 'kT (energy)' })
      await kT.fill('30')
      await kT.press('Enter')
      // At once, before the new run has drawn anything: the export waits for its frames.
      await openMenu()
      const caption = (await save(page, 'Caption text')).text.replace(/\s+/g, ' ')
      const shown = await shownStep(page)
      expect(caption).toContain('(kT = 30, dt = 0.002, γ = 5)')
      expect(caption).toContain('; seed 5;')
      const step = Number(/After ([\d,]+) steps/.exec(caption)![1].replace(/,/g, ''))
      // The restarted run, paused at its first frame: never the old run's 5,000 steps.
      expect(step).toBeLessThanOrEqual(shown)
      expect(step).toBeLessThan(5000)
      await seed.fill('1')
      await seed.press('Enter')
      await kT.fill('20')
      await kT.press('Enter')
    },
  )

  test('CSV and JSON data carry a header whose link reopens the state at the step of the data', async () => {
    await hook(page, (h) => h.play())
    const step = await advance(page, 200)
    const scenario = await hook(page, (h) => h.scenario())
    await openMenu()
    for (const button of ['Trajectories CSV', 'Positions CSV', 'Traces CSV', 'Histograms CSV', 'Basins CSV']) {
      const csv = await save(page, button)
      const lines = csv.text.split('\n')
      expect(lines[0]).toBe(`# landscape playground ${VERSION}: ${lines[0].split(': ').slice(1).join(': ')}`)
      const at = Number(/^# step (\d+)$/.exec(lines[1])![1])
      // Histograms are the newest comparison with the exact density, written with their own step.
      if (button === 'Histograms CSV' || button === 'Basins CSV') expect(at).toBeLessThanOrEqual(step)
      else expect(at).toBe(step)
      expect(lines[2]).toMatch(/^# link http:\/\/127\.0\.0\.1:\d+\/some\/sub\/path\/\?v=1&/)
      const state = scenarioOf(lines[2].slice('# link '.length))
      expect(state.scenario).toEqual(scenario)
      expect(state.view.step).toBe(at)
      expect(lines[3]).toMatch(/^# Müller-Brown, U\(x, y\) = .* After [\d,]+ steps; seed \d+;/)
      if (button === 'Positions CSV') expect(lines.filter((l) => /^[AB],\d+,/.test(l))).toHaveLength(1 + 100)
    }
    const json = JSON.parse((await save(page, 'All data JSON')).text)
    expect(json.step).toBe(step)
    expect(scenarioOf(json.link).scenario).toEqual(scenario)
    expect(json.lanes.map((l: { positions: unknown[] }) => l.positions.length)).toEqual([1, 100])
  })

  test(
    'an animation of N steps has one frame per so many steps, the page keeps running meanwhile, ' +
      'and Cancel saves nothing',
    async () => {
      await hook(page, (h) => h.play())
      await openMenu()
      await menu().getByRole('button', { name: 'Animation…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Animation of the map' })
      await dialog.getByRole('textbox', { name: 'Steps (N)' }).fill('60')
      await dialog.getByRole('textbox', { name: 'Steps per frame' }).fill('10')
      expect(await dialog.locator('.summary').textContent()).toContain('7 frames')
      const before = await shownStep(page)
      const gif = await save(page, 'Record', dialog)
      expect(await shownStep(page)).toBeGreaterThan(before)
      expect(gif.name).toMatch(/^muller-brown_animation-from-0_step-60_.*\.gif$/)
      const structure = gifStructure(gif.bytes)
      expect(structure.images).toBe(7)
      expect(structure.controlExtensions).toBe(7)
      expect(structure.delays.every((d) => d === 100)).toBe(true)
      expect(structure).toMatchObject(await plotSize(page, 'contour-plot'))

      const webm = dialog.getByRole('radio', { name: 'WebM video' })
      if (await webm.isEnabled()) {
        await webm.check()
        await dialog.getByRole('textbox', { name: 'Steps (N)' }).fill('20')
        const video = await save(page, 'Record', dialog)
        expect(video.name).toMatch(/\.webm$/)
        // The EBML magic number that opens every WebM file.
        expect([...video.bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3])
        await dialog.getByRole('radio', { name: 'GIF' }).check()
      }

      let downloads = 0
      page.on('download', () => downloads++)
      await dialog.getByRole('textbox', { name: 'Steps (N)' }).fill('20000')
      await dialog.getByRole('textbox', { name: 'Steps per frame' }).fill('100')
      await dialog.getByRole('button', { name: 'Record' }).click()
      const progress = dialog.getByRole('progressbar')
      await expect.poll(async () => Number(await progress.getAttribute('value')), WAIT).toBeGreaterThanOrEqual(2)
      await dialog.getByRole('button', { name: 'Cancel' }).click()
      await expect.poll(() => dialog.getByRole('status').textContent(), WAIT).toContain('Cancelled')
      await page.waitForTimeout(500)
      expect(downloads).toBe(0)
      await dialog.getByRole('button', { name: 'Close' }).click()
      expect(await dialog.count()).toBe(0)
      expect(watched.errors).toEqual([])
    },
    90_000,
  )
})

import type { Locator, Page } from 'playwright-core'

/**
 * What the browser tests read off the page, shared by every test file. The
 * ?bench hook (src/ui/run/bench-hook.ts) is typed here as the tests see it.
 */

/** A guard against a hang, not a speed requirement. */
export const WAIT = { timeout: 30_000 }

export const MULLER_BROWN = ['MA -146.70', 'MB -108.17', 'MC -80.77', 'S1 -40.66', 'S2 -72.25']

/** The page writes a true minus sign; the tests compare with ASCII. */
export const ascii = (text: string) => text.replace(/\u2212/g, '-')

export async function plotLabels(page: Page): Promise<string[]> {
  const texts = await page.$$eval('#contour-labels text', (nodes) => nodes.map((node) => node.textContent ?? ''))
  return texts.filter(Boolean).map(ascii).sort()
}

/** Waits until the 2D plot's point labels include all of `expected`. */
export async function waitForLabels(page: Page, expected: string[]): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const shown = [...document.querySelectorAll('#contour-labels text')].map((n) =>
        (n.textContent ?? '').replace(/\u2212/g, '-'),
      )
      return wanted.every((label) => shown.includes(label))
    },
    expected,
    WAIT,
  )
}

/** Painted pixels of a canvas layer over a view. */
export function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.$eval(selector, (canvas) => {
    const c = canvas as HTMLCanvasElement
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data
    let n = 0
    if (data) for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
    return n
  })
}

/** The step shown by the run controls. */
export async function shownStep(page: Page): Promise<number> {
  const text = (await page.locator('.run-controls .status').textContent()) ?? ''
  const match = /Step ([\d,]+)/.exec(text)
  return match ? Number(match[1].replace(/,/g, '')) : NaN
}

/** The message a control shows for its value (from its aria-describedby), and whether it is marked invalid. */
export async function controlMessage(
  page: Page,
  control: Locator,
): Promise<{ invalid: string | null; message: string }> {
  const invalid = await control.getAttribute('aria-invalid')
  const ids = ((await control.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean)
  const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))
  return { invalid, message: texts.join(' ') }
}

/** The first x of the contour trace: tells which domain is drawn. */
export function contourXStart(page: Page): Promise<number> {
  return page.evaluate(() => {
    const plot = document.getElementById('contour-plot') as (HTMLElement & { data?: { x: ArrayLike<number> }[] }) | null
    return plot?.data?.[0]?.x[0] ?? NaN
  })
}

/** Page coordinates of the data point (x, y) on the 2D map, from plotly's own axis layout. */
export function mapPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ([px, py]) => {
      const gd = document.getElementById('contour-plot') as HTMLElement & {
        _fullLayout: {
          xaxis: { _offset: number; _length: number; range: number[] }
          yaxis: { _offset: number; _length: number; range: number[] }
        }
      }
      const { xaxis: ax, yaxis: ay } = gd._fullLayout
      const r = gd.getBoundingClientRect()
      return {
        x: r.left + ax._offset + ((px - ax.range[0]) / (ax.range[1] - ax.range[0])) * ax._length,
        y: r.top + ay._offset + (1 - (py - ay.range[0]) / (ay.range[1] - ay.range[0])) * ay._length,
      }
    },
    [x, y],
  )
}

/** The ?bench hook as the tests use it (src/ui/run/bench-hook.ts). */
export interface Hook {
  step(): number
  playing(): boolean
  loading(): boolean
  play(): void
  pause(): void
  reset(): void
  advance(steps: number): void
  statusCounts(): number[][]
  scenario(): unknown
  positions(lane: number): Promise<{ x: number[]; y: number[] }>
}

/** Calls the ?bench hook in the page with `arg` (plain JSON data); `call` must not close over anything. */
export function hook<T, A = null>(
  page: Page,
  call: (h: Hook, arg: A) => T | Promise<T>,
  arg: A = null as A,
): Promise<T> {
  return page.evaluate(`(${call.toString()})(window.__landscape, ${JSON.stringify(arg)})`) as Promise<T>
}

/**
 * Walkers of each lane that are not exactly at the start its controls show
 * (lanes whose walkers start all at one point), as "lane k walker i at (x, y)
 * instead of (x0, y0)"; empty when every walker is there.
 */
export async function walkersAwayFromStarts(page: Page, lanes: number): Promise<string[]> {
  const away: string[] = []
  for (let k = 0; k < lanes; k++) {
    const x0 = Number(await page.getByRole('textbox', { name: 'x', exact: true }).nth(k).inputValue())
    const y0 = Number(await page.getByRole('textbox', { name: 'y', exact: true }).nth(k).inputValue())
    const { x, y } = await hook(page, (h, lane) => h.positions(lane), k)
    x.forEach((xi, i) => {
      if (xi !== x0 || y[i] !== y0) away.push(`lane ${k} walker ${i} at (${xi}, ${y[i]}) instead of (${x0}, ${y0})`)
    })
  }
  return away
}

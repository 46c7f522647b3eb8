#!/usr/bin/env node
// Browser figures of the playground page (printed, never pass/fail): frames per
// second of the 2D view with 2 lanes x 1,000 walkers and with 10,000 walkers,
// the longest main-thread task while a run plays with the 2D view alone and
// with the 3D view visible, the time from opening the page to the first drawn
// surface, the JS heap after 1,000 and after 10,000 frames, and the molecules section
// running LJ38 with 100 walkers (frames per second with the map alone, with the map and
// the flat molecule view, and with the 3D molecule view), and the training section's loss slice
// (60 x 60 of a 2-16-16-1 tanh network on 500 spiral points, its rows shared among band workers).
//
// Builds dist/ if it is missing or older than the sources, serves it with
// `vite preview`, and drives the system Chromium (flags from e2e/chromium.ts).
// Run with `npm run bench:browser` (node --import tsx, to read the .ts flags);
// BENCH_ONLY=molecules or BENCH_ONLY=training measures that section alone.
import { findChromium, launchChromium } from '../e2e/chromium.ts'
import { servePreview } from './preview-server.mjs'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const VIEWPORT = { width: 1280, height: 800 }

/** Installed before the page's own scripts: long tasks and animation frames, with their times. */
function instrument() {
  window.__longtasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longtasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  window.__rafs = 0
  const count = () => {
    window.__rafs++
    requestAnimationFrame(count)
  }
  requestAnimationFrame(count)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : String(v))

async function openPage(browser, url) {
  const page = await browser.newPage({ viewport: VIEWPORT, colorScheme: 'light' })
  page.on('pageerror', (e) => console.error(`  page error: ${e.message}`))
  await page.addInitScript(instrument)
  await page.goto(url)
  await page.waitForFunction(
    () => performance.getEntriesByName('landscape:first-surface').length > 0 && window.__landscape,
    null,
    { timeout: 60_000 },
  )
  return page
}

/** Sets every lane's walkers through the page's own controls and waits for the new run. */
async function setWalkers(page, counts) {
  await page.evaluate(() => window.__landscape.pause())
  const boxes = page.getByRole('textbox', { name: 'Walkers' })
  for (let k = 0; k < counts.length; k++) {
    await boxes.nth(k).fill(String(counts[k]))
    await boxes.nth(k).press('Enter')
  }
  await page.waitForFunction(() => !window.__landscape.loading() && window.__landscape.published() > 0, null, {
    timeout: 120_000,
  })
  // Typing scrolled the lanes into view: back to the views (they do not draw off screen).
  await page.evaluate(() => window.scrollTo(0, 0))
  await page
    .locator('#contour-plot')
    .focus()
    .catch(() => {})
  await sleep(300)
}

/** Hides the 3D view (it pauses when off screen) or shows it again. */
async function show3d(page, visible) {
  await page.evaluate((on) => {
    const figure = document.getElementById('surface-plot')?.closest('figure')
    if (figure) figure.style.display = on ? '' : 'none'
  }, visible)
}

/**
 * The molecules section with `system` and `walkers` set through its own controls (the playground's
 * run paused), playing for SECONDS after a warm-up: frames from its worker per second, walker
 * layers drawn over the free-energy map per second, animation frames, steps, the longest task.
 */
async function measureMolecules(page, system, walkers, molecule) {
  await page.evaluate(() => window.__landscape.pause())
  await page.getByRole('heading', { name: /^Molecules:/ }).scrollIntoViewIfNeeded()
  const select = page.getByRole('combobox', { name: 'System' })
  await select.waitFor({ timeout: 60_000 })
  await select.selectOption(system)
  const box = page.getByRole('spinbutton', { name: 'Walkers' })
  await box.fill(String(walkers))
  await box.press('Enter')
  await page.waitForFunction(() => window.__molecules && !window.__molecules.loading(), null, { timeout: 60_000 })
  // The map in view, the molecule beside it: hidden, flat (its x-y projection) or in 3D.
  if (molecule === 'flat') await page.getByRole('checkbox', { name: 'Flat (x, y), live' }).check()
  await page.locator('#cv-map').evaluate((e) => e.scrollIntoView({ block: 'center' }))
  await page.evaluate((on) => {
    const figure = document.getElementById('molecule-view')?.closest('figure')
    if (figure) figure.style.display = on ? '' : 'none'
  }, molecule !== 'hidden')
  await page.evaluate(() => window.__molecules.play())
  await sleep(1500)
  const read = () =>
    page.evaluate(() => ({
      t: performance.now(),
      frames: window.__molecules.published(),
      drawn: window.__molecules.drawn(),
      rafs: window.__rafs,
      step: window.__molecules.step(),
    }))
  const a = await read()
  await sleep(SECONDS * 1000)
  const b = await read()
  const longest = await page.evaluate(
    ([t0, t1]) =>
      Math.max(0, ...window.__longtasks.filter((e) => e.start >= t0 && e.start <= t1).map((e) => e.duration)),
    [a.t, b.t],
  )
  await page.evaluate(() => window.__molecules.pause())
  const s = (b.t - a.t) / 1000
  return {
    fps: (b.frames - a.frames) / s,
    drawn: (b.drawn - a.drawn) / s,
    raf: (b.rafs - a.rafs) / s,
    steps: (b.step - a.step) / s,
    longest,
  }
}

/** Plays for SECONDS after a warm-up: frames drawn per second, 3D redraws per second, the longest task. */
async function measure(page) {
  await page.evaluate(() => window.__landscape.play())
  await sleep(1500)
  const read = () =>
    page.evaluate(() => ({
      t: performance.now(),
      frames: window.__landscape.published(),
      rafs: window.__rafs,
      draws: window.__landscape.layerDraws(),
      step: window.__landscape.step(),
    }))
  const a = await read()
  await sleep(SECONDS * 1000)
  const b = await read()
  const longest = await page.evaluate(
    ([t0, t1]) =>
      Math.max(0, ...window.__longtasks.filter((e) => e.start >= t0 && e.start <= t1).map((e) => e.duration)),
    [a.t, b.t],
  )
  await page.evaluate(() => window.__landscape.pause())
  const s = (b.t - a.t) / 1000
  return {
    fps: (b.frames - a.frames) / s,
    drawn2d: (b.draws.contour - a.draws.contour) / s,
    drawn3d: (b.draws.surface - a.draws.surface) / s,
    raf: (b.rafs - a.rafs) / s,
    longest,
    steps: b.step - a.step,
  }
}

async function heap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage')
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  return usedSize / 2 ** 20
}

async function runFrames(page, until) {
  await page.waitForFunction((n) => window.__landscape.published() >= n, until, { timeout: 600_000, polling: 250 })
}

/**
 * The training section's 60 x 60 loss slice of a 2-16-16-1 tanh network on 500 spiral points,
 * through the page's own controls: the times the page reports (request to the whole grid), each
 * slice built after the last is drawn, and how many workers shared the rows.
 */
async function measureSlice(page, rounds) {
  const heading = page.getByRole('heading', { name: 'Training a small network: its loss landscape, seen honestly' })
  await heading.scrollIntoViewIfNeeded()
  const data = page.getByRole('combobox', { name: 'Data set' })
  await data.waitFor({ timeout: 60_000 })
  await data.selectOption('spiral')
  const points = page.getByRole('spinbutton', { name: 'Points' })
  await points.fill('500')
  await points.press('Enter')
  const layers = page.getByRole('textbox', { name: 'Layers' })
  await layers.fill('2-16-16-1')
  await layers.press('Enter')
  await page.waitForFunction(
    () => /P = 337\b|337 parameters/.test(document.querySelector('.training')?.textContent ?? ''),
    null,
    { timeout: 60_000 },
  )
  const times = []
  let words = ''
  for (let k = 0; k < rounds; k++) {
    // A new slice is drawn when the map's z array is another one.
    await page.evaluate(() => {
      window.__sliceZ = document.getElementById('training-slice')?.data?.[0]?.z ?? null
    })
    await page.getByRole('button', { name: 'Build slice' }).click()
    await page.waitForFunction(
      () => {
        const z = document.getElementById('training-slice')?.data?.[0]?.z
        return z && z !== window.__sliceZ && document.querySelector('.training .timing')
      },
      null,
      { timeout: 60_000 },
    )
    const note = (await page.locator('.training .timing').locator('..').textContent()) ?? ''
    times.push(Number(((await page.locator('.training .timing').textContent()) ?? '').replace(/[^\d]/g, '')))
    words = /in (one worker|\d+ workers side by side)/.exec(note)?.[0] ?? '?'
  }
  return { times, words }
}

const chromiumPath = findChromium()
if (!chromiumPath) {
  console.error('bench:browser: no Chromium found (set CHROMIUM_PATH)')
  process.exit(1)
}
const server = await servePreview()
const url = `${server.url}?bench`
const browser = await launchChromium(chromiumPath)
console.log(
  `Chromium ${browser.version()} (software WebGL), viewport ${VIEWPORT.width}x${VIEWPORT.height}, ` +
    `${SECONDS} s per figure`,
)

try {
  // The molecules section: LJ38 (114 coordinates) with 100 walkers, BAOAB at its default kT.
  const views = {
    hidden: '2D map alone (molecule view hidden)',
    flat: '2D views (map and flat molecule)',
    '3d': 'map and 3D molecule view',
  }
  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'molecules') {
    for (const [molecule, label] of Object.entries(views)) {
      const page = await openPage(browser, url)
      const m = await measureMolecules(page, 'lj38', 100, molecule)
      console.log(
        `molecules, LJ38 x 100 walkers, ${label}: ${fmt(m.fps)} frames/s from the worker, ` +
          `walkers drawn on the map ${fmt(m.drawn)}/s (page ${fmt(m.raf)} animation frames/s; ` +
          `${fmt(m.steps, 0)} steps/s), longest task ${fmt(m.longest, 0)} ms`,
      )
      await page.close()
    }
  }

  if (!process.env.BENCH_ONLY || process.env.BENCH_ONLY === 'training') {
    const page = await openPage(browser, url)
    const cores = await page.evaluate(() => navigator.hardwareConcurrency)
    for (const playing of [true, false]) {
      // With the playground's run going on above (as the page opens), then with it paused.
      if (!playing) await page.evaluate(() => window.__landscape.pause())
      const { times, words } = await measureSlice(page, 5)
      console.log(
        `training, 60 x 60 loss slice of a 2-16-16-1 tanh net on 500 spiral points, the playground ` +
          `${playing ? 'playing' : 'paused'}: median ${fmt(median(times), 0)} ms (${times.join(', ')} ms), ${words}, ` +
          `${cores} cores reported`,
      )
    }
    await page.close()
  }

  if (!process.env.BENCH_ONLY) {
    // Time to the first drawn surface, from a fresh page each time.
    const firsts = []
    for (let k = 0; k < 3; k++) {
      const context = await browser.newContext({ viewport: VIEWPORT })
      const page = await context.newPage()
      await page.addInitScript(instrument)
      await page.goto(url)
      await page.waitForFunction(() => performance.getEntriesByName('landscape:first-surface').length > 0, null, {
        timeout: 60_000,
      })
      firsts.push(await page.evaluate(() => performance.getEntriesByName('landscape:first-surface')[0].startTime))
      if (k === 0) {
        // A check that long tasks are seen at all: opening the page has some (parsing plotly, the first draws).
        await sleep(3000)
        const load = await page.evaluate(() => window.__longtasks.map((e) => e.duration))
        console.log(`long tasks while the page opens: ${load.length}, longest ${fmt(Math.max(0, ...load), 0)} ms`)
      }
      await context.close()
    }
    console.log(
      `first drawn surface: ${fmt(median(firsts), 0)} ms after navigation ` +
        `(median of ${firsts.map((t) => fmt(t, 0)).join(', ')})`,
    )

    const rows = []
    for (const [label, walkers] of [
      ['2 lanes x 1,000 walkers', [1000, 1000]],
      ['lane B 10,000 walkers (lane A 1)', [1, 10000]],
      ['2 lanes x 10,000 walkers', [10000, 10000]],
    ]) {
      const page = await openPage(browser, url)
      await setWalkers(page, walkers)
      await show3d(page, false)
      const flat = await measure(page)
      await show3d(page, true)
      const solid = await measure(page)
      rows.push({ label, flat, solid })
      console.log(`${label}:`)
      console.log(
        `  2D view alone:   ${fmt(flat.drawn2d)} frames/s drawn (${fmt(flat.fps)} frames/s from the worker; ` +
          `page ${fmt(flat.raf)} animation frames/s; ${fmt(flat.steps / SECONDS, 0)} steps/s), ` +
          `longest task ${fmt(flat.longest, 0)} ms`,
      )
      console.log(
        `  3D view visible: ${fmt(solid.drawn2d)} frames/s drawn in 2D, 3D walkers redrawn ${fmt(solid.drawn3d)}/s, ` +
          `longest task ${fmt(solid.longest, 0)} ms`,
      )
      await page.close()
    }

    // Heap: frames asked for as fast as they arrive (the bench hook), 2 lanes x 1,000 walkers.
    const page = await openPage(browser, url)
    await setWalkers(page, [1000, 1000])
    await page.evaluate(() => {
      window.__landscape.unthrottled(true)
      window.__landscape.play()
    })
    const cdp = await page.context().newCDPSession(page)
    const start = await page.evaluate(() => window.__landscape.published())
    await runFrames(page, start + 1000)
    const h1 = await heap(page, cdp)
    const t0 = Date.now()
    await runFrames(page, start + 10_000)
    const h10 = await heap(page, cdp)
    console.log(
      `JS heap after 1,000 frames: ${fmt(h1)} MiB; after 10,000 frames: ${fmt(h10)} MiB ` +
        `(${fmt((100 * (h10 - h1)) / h1)}%; 9,000 frames in ${fmt((Date.now() - t0) / 1000)} s)`,
    )
    await page.close()
  }
} finally {
  await browser.close()
  await server.close()
}

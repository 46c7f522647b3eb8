#!/usr/bin/env node
// Screenshots of the default scenario running, into docs/screenshots/: the first
// screen at 1280x800 in the light theme (default.png, both views visible), the 2D
// and 3D views alone (default-2d.png, default-3d.png), the first screen on a phone
// (phone.png, 390x844), in the dark theme (dark.png) and embedded at 640x420, with the status lines
// (embed.png) and without them (embed-map.png, status=0); the molecules section running LJ7-2D
// with its disconnectivity graph (molecules.png), and where 1,000 L-BFGS descents on LJ13 end
// (molecule-experiments.png), and well-tempered metadynamics building LJ7-2D's free energy over
// (mu2, mu3) (molecules-metadynamics.png); a small network trained in the page beside its loss
// slice and decision regions (training.png).
// Run with `npm run screenshots` (builds dist/ first if it is out of date).
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { findChromium, launchChromium } from '../e2e/chromium.ts'
import { root, servePreview } from './preview-server.mjs'

/** Long enough for gradient descent to settle in MC and the sampler to reach MA and MB. */
const RUN_MS = Number(process.env.SCREENSHOT_RUN_MS ?? 8000)
const out = join(root, 'docs', 'screenshots')
mkdirSync(out, { recursive: true })

const chromiumPath = findChromium()
if (!chromiumPath) {
  console.error('screenshots: no Chromium found (set CHROMIUM_PATH)')
  process.exit(1)
}
const server = await servePreview()
const browser = await launchChromium(chromiumPath)
try {
  /** A page at this size and scheme, run for RUN_MS after its first surface is drawn. */
  const opened = async (width, height, colorScheme, query = '') => {
    const page = await browser.newPage({ viewport: { width, height }, colorScheme })
    await page.goto(`${server.url}${query}`)
    await page.waitForFunction(() => performance.getEntriesByName('landscape:first-surface').length > 0, null, {
      timeout: 60_000,
    })
    await page.waitForTimeout(RUN_MS)
    await page.mouse.move(0, 0)
    return page
  }
  const page = await opened(1280, 800, 'light')
  await page.screenshot({ path: join(out, 'default.png') })
  await page.locator('figure:has(#contour-plot)').screenshot({ path: join(out, 'default-2d.png') })
  await page.locator('figure:has(#surface-plot)').screenshot({ path: join(out, 'default-3d.png') })
  await (await opened(390, 844, 'light')).screenshot({ path: join(out, 'phone.png') })
  await (await opened(1280, 800, 'dark')).screenshot({ path: join(out, 'dark.png') })
  await (await opened(640, 420, 'light', '?embed=1')).screenshot({ path: join(out, 'embed.png') })
  await (await opened(640, 420, 'light', '?embed=1&status=0')).screenshot({ path: join(out, 'embed-map.png') })
  const molecules = await opened(1280, 800, 'light')
  await molecules.getByRole('button', { name: 'Pause' }).first().click()
  await molecules.getByRole('heading', { name: /^Molecules: landscapes/ }).scrollIntoViewIfNeeded()
  await molecules.getByRole('button', { name: 'Run the molecules' }).click()
  await molecules.getByRole('button', { name: 'Build graph' }).click()
  await molecules.getByText(/4 minima, 4 transition states/).waitFor({ timeout: 120_000 })
  await molecules.waitForTimeout(RUN_MS)
  await molecules.getByRole('button', { name: 'Stop the molecules' }).click()
  await molecules.mouse.move(0, 0)
  await molecules.locator('section.molecules').screenshot({ path: join(out, 'molecules.png') })
  await molecules.getByRole('heading', { name: 'Guided experiments on molecules' }).scrollIntoViewIfNeeded()
  await molecules.getByRole('button', { name: 'Run the descents' }).click()
  await molecules.locator('[data-descent-summary]').waitFor({ timeout: 120_000 })
  await molecules.waitForTimeout(1000)
  await molecules.locator('section.molecule-experiments').screenshot({ path: join(out, 'molecule-experiments.png') })
  await molecules.getByRole('heading', { name: /^Molecules: landscapes/ }).scrollIntoViewIfNeeded()
  await molecules
    .locator('section.molecules')
    .getByRole('combobox', { name: 'Optimizer or sampler' })
    .selectOption('metadynamics')
  await molecules.getByRole('button', { name: 'Run the molecules' }).click()
  await molecules.waitForTimeout(3 * RUN_MS)
  await molecules.getByRole('button', { name: 'Stop the molecules' }).click()
  await molecules.mouse.move(0, 0)
  await molecules.locator('figure:has(#cv-map)').screenshot({ path: join(out, 'molecules-metadynamics.png') })
  // A training run beside its loss slice and its decision regions.
  await molecules.getByRole('heading', { name: /^Training a small network/ }).scrollIntoViewIfNeeded()
  await molecules.getByRole('button', { name: 'Run the networks' }).click()
  await molecules.waitForTimeout(RUN_MS)
  await molecules.getByRole('button', { name: 'Stop the networks' }).click()
  await molecules.getByRole('button', { name: 'Build slice' }).click()
  await molecules.locator('#training-slice .heatmaplayer image').first().waitFor({ timeout: 60_000 })
  await molecules.waitForTimeout(1000)
  await molecules.mouse.move(0, 0)
  await molecules.locator('section.training').screenshot({ path: join(out, 'training.png') })
  console.log(
    'wrote default.png, default-2d.png, default-3d.png, phone.png, dark.png, embed.png, embed-map.png, ' +
      `molecules.png, molecule-experiments.png, molecules-metadynamics.png and training.png to ${out}`,
  )
} finally {
  await browser.close()
  await server.close()
}

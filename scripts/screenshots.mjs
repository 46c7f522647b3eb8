#!/usr/bin/env node
// Screenshots of the default scenario running, at 1280x800 in the light theme,
// into docs/screenshots/: the first screen (default.png, both views visible),
// and the 2D and 3D views alone (default-2d.png, default-3d.png).
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
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
  await page.goto(server.url)
  await page.waitForFunction(() => performance.getEntriesByName('landscape:first-surface').length > 0, null, {
    timeout: 60_000,
  })
  await page.waitForTimeout(RUN_MS)
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(out, 'default.png') })
  await page.locator('figure:has(#contour-plot)').screenshot({ path: join(out, 'default-2d.png') })
  await page.locator('figure:has(#surface-plot)').screenshot({ path: join(out, 'default-3d.png') })
  console.log(`wrote default.png, default-2d.png, default-3d.png to ${out}`)
} finally {
  await browser.close()
  await server.close()
}

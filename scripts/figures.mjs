#!/usr/bin/env node
// The figure of guided experiment 1 (Müller-Brown: gradient descent stuck in MC,
// Langevin dynamics reaching MA), made the way a reader makes it: the page is
// opened with the experiment's link carrying its stated steps (the page runs to
// them and pauses), and its Export menu saves the figure as PNG (2x) and SVG
// and the generated caption, into docs/figures/ (experiment-1.png,
// experiment-1.svg, experiment-1-caption.txt). Run with `npm run figures`
// (builds dist/ first if it is out of date).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { findChromium, launchChromium } from '../e2e/chromium.ts'
import { EXPERIMENTS } from '../src/core/experiments/index.ts'
import { encodeState } from '../src/core/scenario/url.ts'
import { root, servePreview } from './preview-server.mjs'

const experiment = EXPERIMENTS[0]
const out = join(root, 'docs', 'figures')
const WAIT = { timeout: 120_000 }
mkdirSync(out, { recursive: true })

const chromiumPath = findChromium()
if (!chromiumPath) {
  console.error('figures: no Chromium found (set CHROMIUM_PATH)')
  process.exit(1)
}

/** Opens the experiment's link with its steps in it: the page replays the run to that step and pauses there. */
async function openAtStep(page, url) {
  const state = { ...experiment.state, view: { ...experiment.state.view, step: experiment.steps } }
  await page.goto(`${url}?${encodeState(state)}&bench`)
  await page.waitForFunction(
    (steps) => window.__landscape?.step() === steps && !window.__landscape.playing(),
    experiment.steps,
    WAIT,
  )
  const scenario = await page.evaluate(() => window.__landscape.scenario())
  if (!isDeepStrictEqual(scenario, experiment.state.scenario))
    throw new Error(`the page runs ${JSON.stringify(scenario)}, not experiment 1`)
}

/** Clicks an Export menu button and writes the file it downloads as `name`. */
async function save(page, button, name) {
  const menu = page.getByRole('region', { name: 'Export' })
  const [download] = await Promise.all([
    page.waitForEvent('download', WAIT),
    menu.getByRole('button', { name: button, exact: true }).click(),
  ])
  await download.saveAs(join(out, name))
  return download.suggestedFilename()
}

const server = await servePreview()
const browser = await launchChromium(chromiumPath)
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' })
  await openAtStep(page, server.url)
  await page.getByRole('button', { name: 'Export' }).click()
  await page.getByRole('region', { name: 'Export' }).getByRole('radio', { name: '2x' }).check()
  const names = [
    await save(page, 'Figure PNG', 'experiment-1.png'),
    await save(page, 'Figure SVG', 'experiment-1.svg'),
    await save(page, 'Caption text', 'experiment-1-caption.txt'),
  ]
  // The caption file ends with the link that reopens the state, on this script's own server:
  // keep its query, which reopens the state (at this step) wherever the playground is hosted.
  const path = join(out, 'experiment-1-caption.txt')
  const [caption, link] = readFileSync(path, 'utf8').trim().split(/\n\n/)
  writeFileSync(
    path,
    `${caption}\n\nThe playground's address followed by ${link.slice(link.indexOf('?'))} reopens this state.\n`,
  )
  console.log(`experiment 1 opened from its link and run to step ${experiment.steps}; saved ${names.join(', ')}`)
  console.log(`wrote experiment-1.png, experiment-1.svg, experiment-1-caption.txt to ${out}`)
} finally {
  await browser.close()
  await server.close()
}

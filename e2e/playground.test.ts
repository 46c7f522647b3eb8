import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { main } from '../src/cli/main'
import { defaultScenario } from '../src/core/scenario/defaults'
import { resolveSurface } from '../src/core/scenario/surface'
import { Simulation } from '../src/core/run/simulation'
import { launchChromium, openPage } from './chromium'
import { ascii, controlMessage, hook, MULLER_BROWN, shownStep, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** A frame of 10,000 steps of 500 walkers takes the worker seconds: a hang guard, not a speed requirement. */
const LONG = { timeout: 60_000 }

/** `landscape sample --scenario FILE --lane K --steps N --json`, run here in Node: the walkers' final positions. */
async function cliPositions(
  scenario: unknown,
  lane: number,
  steps: number,
  command: 'sample' | 'optimize' = 'sample',
): Promise<[number, number][]> {
  const dir = mkdtempSync(join(tmpdir(), 'landscape-e2e-'))
  try {
    const file = join(dir, 'scenario.json')
    writeFileSync(file, JSON.stringify(scenario))
    let out = ''
    let err = ''
    const extra = command === 'optimize' ? ['--every', String(steps)] : []
    const code = await main(
      [command, '--scenario', file, '--lane', String(lane), '--steps', String(steps), ...extra, '--json'],
      { write: (t: string) => (out += t) },
      { write: (t: string) => (err += t) },
    )
    if (code !== 0) throw new Error(`landscape ${command} exited with ${code}: ${err}`)
    const doc = JSON.parse(out)
    // optimize runs one walker: its end is its position.
    return command === 'optimize' ? [[doc.end.x, doc.end.y]] : doc.positions
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The sampled basin populations a lane's panel shows, by minimum (lowest first), from its basin table. */
async function sampledBasins(page: Page, lane: string): Promise<number[]> {
  const rows = page
    .getByRole('region', { name: lane, exact: true })
    .locator('table:has(caption:text("Basin populations")) tbody tr')
  const cells = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[1]?.textContent ?? ''))
  return cells.map((text) => Number(text.split('±')[0].replace(/,/g, '').trim()))
}

/** The plain-words status line of a lane's panel, in ASCII. */
async function statusLine(page: Page, lane: string): Promise<string> {
  return ascii((await page.getByRole('region', { name: lane, exact: true }).locator('p.status').textContent()) ?? '')
}

/**
 * Whether this Chromium's Math.exp, Math.log and Math.cos give the same doubles
 * as this Node's on 10,000 arguments: the engine calls them at every step, so
 * when they differ no run can match the CLI's bit for bit.
 */
async function mathLibraries(page: Page): Promise<string> {
  const values = (): number[] => {
    const out: number[] = []
    for (let i = 1; i <= 10_000; i++) {
      const u = i / 10_001
      out.push(Math.exp(-10 * u), Math.log(u), Math.cos(6.283185307179586 * u))
    }
    return out
  }
  const inPage = await page.evaluate(values)
  const here = values()
  const differ = here.filter((v, i) => !Object.is(v, inPage[i])).length
  const v8 = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent)
  return differ === 0
    ? `Math.exp, log and cos agree between Node ${process.versions.node} and ${v8} on 30,000 arguments`
    : `Math.exp, log and cos of ${v8} differ from those of Node ${process.versions.node} (V8 ${process.versions.v8}) ` +
        `on ${differ} of 30,000 arguments: the engine needs math functions of its own to match across them`
}

/** Pauses, resets to step 0 and waits for the new run's first frame. */
async function pausedAtZero(page: Page): Promise<void> {
  await hook(page, (h) => {
    h.pause()
    h.reset()
  })
  await expect.poll(() => hook(page, (h) => (h.loading() ? -1 : h.step())), WAIT).toBe(0)
}

describe.skipIf(!chromiumPath)('the playground, against the engine', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test(
    "positions from the page's worker are `landscape sample`'s and `landscape optimize`'s, bit for bit, " +
      'after 10,000 steps of the default scenario',
    async () => {
      const { page, errors } = await openPage(browser, `${appUrl}?bench`)
      await waitForLabels(page, MULLER_BROWN)
      await pausedAtZero(page)
      const scenario = await hook(page, (h) => h.scenario())
      expect(scenario).toMatchObject({
        surface: { id: 'muller-brown' },
        seed: 1,
        lanes: [
          { method: 'gd', settings: { lr: 1e-4 } },
          { method: 'baoab', settings: { kT: 20 } },
        ],
      })
      // One frame of 10,000 steps in the page's worker while Node runs the same scenario through the CLI.
      await hook(page, (h) => h.advance(10_000))
      const cli = await cliPositions(scenario, 1, 10_000)
      await expect.poll(() => shownStep(page), LONG).toBe(10_000)
      const worker = await hook(page, (h) => h.positions(1))
      expect(worker.x).toHaveLength(cli.length)
      const differ = cli.filter(([x, y], i) => !Object.is(x, worker.x[i]) || !Object.is(y, worker.y[i])).length
      expect(differ, `walkers whose float64 positions differ from the CLI's; ${await mathLibraries(page)}`).toBe(0)
      // The gradient-descent lane too, against `landscape optimize`.
      const [[gx, gy]] = await cliPositions(scenario, 0, 10_000, 'optimize')
      const gd = await hook(page, (h) => h.positions(0))
      expect([Object.is(gd.x[0], gx), Object.is(gd.y[0], gy)], `${gd.x[0]}, ${gd.y[0]} against ${gx}, ${gy}`).toEqual([
        true,
        true,
      ])
      expect(errors).toEqual([])
      await page.close()
    },
    120_000,
  )

  test(
    'the default scenario, counted in steps: by step 20,000 gradient descent reports the local minimum MC ' +
      'and the sampler has visited MA and MB',
    async () => {
      const { page, errors } = await openPage(browser, `${appUrl}?bench`)
      await waitForLabels(page, MULLER_BROWN)
      await pausedAtZero(page)
      // Fast: two frames of 10,000 steps each.
      for (const step of [10_000, 20_000]) {
        await hook(page, (h) => h.advance(10_000))
        await expect.poll(() => shownStep(page), LONG).toBe(step)
      }
      // Paused at 20,000: whatever the panels show was computed within 20,000 steps.
      await expect
        .poll(() => statusLine(page, 'Lane A'), WAIT)
        .toMatch(/^Stuck in local minimum U = -80\.77 \(global minimum is -146\.70\)/)
      // Minima lowest first: 0 = MA, 1 = MB, 2 = MC.
      await expect
        .poll(async () => (await sampledBasins(page, 'Lane B')).slice(0, 2).every((p) => p > 0), WAIT)
        .toBe(true)
      expect(await shownStep(page)).toBe(20_000)
      // At 1280 wide every column of the sampler's tables shows (sampled beside exact) without scrolling them.
      const hidden = await page.evaluate(() =>
        [...document.querySelectorAll('.table-scroll')]
          .filter((box) => box.scrollWidth > box.clientWidth)
          .map((box) => box.querySelector('caption, th')?.textContent?.trim()),
      )
      expect(hidden).toEqual([])
      expect(errors).toEqual([])
      await page.close()
    },
    120_000,
  )

  test(
    'paused, every number describes the step shown: ' + 'the comparison with the exact density is brought up to it',
    async () => {
      const { page, errors } = await openPage(browser, `${appUrl}?bench`)
      await waitForLabels(page, MULLER_BROWN)
      await expect.poll(() => shownStep(page), WAIT).toBeGreaterThan(300)
      await page.locator('body').press(' ')
      await page.getByRole('button', { name: 'Play' }).waitFor(WAIT)
      // The same run in Node, brought to the step the page shows: its basin shares are the ones the paused page
      // states. A frame asked for before the pause may still land (on a loaded machine it often does) and move
      // the step shown once more; the page then brings its comparison up to that step, and so does this check.
      const scenario = defaultScenario()
      const r = resolveSurface(scenario.surface)
      if (!r.ok) throw new Error(r.message)
      const sim = new Simulation({
        program: r.surface.program,
        parameters: [...r.surface.parameters],
        domain: r.surface.domain,
        seed: scenario.seed,
        lanes: scenario.lanes,
      })
      const expected = async () => {
        const step = await shownStep(page)
        if (sim.step < step) sim.advance(step - sim.step)
        // MA (U = -146.70) is the global basin, the first of the basins (minima lowest first).
        const global = sim.frames(true)[1].sampling!.summary.basins[0]!.sampled
        return { step, line: `; ${Math.round(100 * global)}% of the time in MA, the global basin (` }
      }
      // While playing the shares may trail the step ("time up to step N"); paused, they are the step's own.
      await expect
        .poll(async () => {
          const { step, line } = await expected()
          const status = await statusLine(page, 'Lane B')
          const settled = (await hook(page, (h) => h.step())) === step && (await shownStep(page)) === step
          return status.includes(line) && settled
            ? 'the shares of the step shown'
            : `at step ${step}: '${status}' should contain '${line}'`
        }, WAIT)
        .toBe('the shares of the step shown')
      expect(sim.step).toBeGreaterThan(300)
      expect(errors).toEqual([])
      await page.close()
    },
  )

  test(
    'a sampler lane measures rates at several temperatures in the task worker, with progress and cancel, ' +
      'and plots Arrhenius',
    async () => {
      const { page, errors } = await openPage(browser, appUrl)
      await waitForLabels(page, MULLER_BROWN)
      await page.getByRole('combobox', { name: 'Surface' }).selectOption('double-well')
      await waitForLabels(page, ['S1 1.00'])
      const lane = page.getByRole('region', { name: 'Lane B', exact: true })
      await lane.getByRole('combobox', { name: 'Method' }).selectOption('overdamped')
      await lane.getByText('Measure rates at several temperatures').click()
      // The double well's barrier is 1: dE/kT from 5 to 2.
      const list = lane.getByRole('textbox', { name: 'Temperatures kT' })
      await expect.poll(() => list.inputValue(), WAIT).toBe('0.2, 0.25, 0.333333, 0.5')
      const measure = lane.getByRole('button', { name: 'Measure rates' })
      await list.fill('0.2, 0')
      expect(await controlMessage(page, list)).toMatchObject({
        invalid: 'true',
        message: expect.stringContaining('kT = 0 must be above 0'),
      })
      expect(await measure.isDisabled()).toBe(true)
      await list.fill('0.2, 0.25, 1/3, 0.5')
      expect(await list.getAttribute('aria-invalid')).toBe('false')

      await measure.click()
      await lane.locator('progress').waitFor(WAIT)
      await lane.getByRole('button', { name: 'Cancel' }).click()
      await measure.waitFor(WAIT)
      expect(await lane.locator('.arrhenius').count()).toBe(0)

      await measure.click()
      const sentence = lane.locator('.barrier')
      await sentence.waitFor(LONG)
      const fitted = Number(/Fitted barrier ([\d.]+) ± /.exec((await sentence.textContent()) ?? '')?.[1])
      // The claim of the guided experiment on the same sweep: within 15% of the true height, 1.
      expect(Math.abs(fitted - 1)).toBeLessThan(0.15)
      expect(await sentence.textContent()).toContain('the saddle point gives 1.00')
      expect(await lane.locator('.arrhenius .plot circle.measured').count()).toBe(4)
      expect(await lane.locator('.arrhenius .plot path.theory').count()).toBe(4)
      expect(await lane.locator('.arrhenius .plot line.fit').count()).toBe(1)
      expect(await lane.locator('details.sweep tbody tr').count()).toBe(4)

      // Monte Carlo has no clock: the panel says why it cannot be swept.
      await lane.getByRole('combobox', { name: 'Method' }).selectOption('metropolis')
      await expect
        .poll(() => lane.locator('details.sweep .refusal').textContent(), WAIT)
        .toMatch(/has no physical time/)
      expect(errors).toEqual([])
      await page.close()
    },
    120_000,
  )

  test.each([
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ])('axe-core finds nothing serious or critical on the default screen at $width x $height', async (size) => {
    const { page, errors } = await openPage(browser, `${appUrl}?bench`, size)
    await waitForLabels(page, MULLER_BROWN)
    // The default screen in full: the formula typeset and the sampler's first comparison with the exact density.
    await page.locator('.formula-tex .katex').waitFor(WAIT)
    await page
      .getByRole('region', { name: 'Lane B', exact: true })
      .locator('table:has(caption:text("Basin populations"))')
      .waitFor(WAIT)
    await hook(page, (h) => h.pause())
    const axe = readFileSync(fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8')
    await page.addScriptTag({ content: axe })
    const violations = await page.evaluate(async () => {
      const result = await (
        window as unknown as {
          axe: {
            run(
              context: Document,
            ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }>
          }
        }
      ).axe.run(document)
      return result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        targets: v.nodes.map((n) => n.target.join(' ')),
      }))
    })
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })
})

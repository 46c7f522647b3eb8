import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest'
import { EXPERIMENTS } from '../src/core/experiments'
import { defaultScenario } from '../src/core/scenario'
import { decodeState, encodeState } from '../src/core/scenario/url'
import { defaultView } from '../src/core/scenario/view'
import { launchChromium, openPage } from './chromium'
import { ascii, MULLER_BROWN, WAIT, waitForLabels } from './helpers'

const chromiumPath = inject('chromiumPath')
const appUrl = inject('appUrl')

/** Hang guards for the long runs, not speed requirements. */
const LONG = { timeout: 60_000 }

/** The ?bench hook (src/ui/run/bench-hook.ts) as these tests use it. */
interface ShareHook {
  step(): number
  playing(): boolean
  loading(): boolean
  pause(): void
  reset(): void
  unthrottled(on: boolean): void
  setSpeed(steps: number): void
  runTo(step: number): void
  scenario(): { lanes: unknown[] }
  positions(lane: number): Promise<{ x: number[]; y: number[] }>
  page: { state(): string; experiment(): { id: string; failures: string[] | null; waitingForSweep: boolean } | null }
}

/** Calls the hook in the page; `call` runs there, so it must not close over anything. */
function share<T, A = null>(
  page: Page,
  call: (h: ShareHook, arg: A) => T | Promise<T>,
  arg: A = null as A,
): Promise<T> {
  return page.evaluate(`(${call.toString()})(window.__landscape, ${JSON.stringify(arg)})`) as Promise<T>
}

/** Every lane's exact positions as the bytes of their float64s (x then y), in hex: equal strings are equal bits. */
function positionBits(page: Page): Promise<string[]> {
  return share(page, async (h) => {
    const out: string[] = []
    for (let k = 0; k < h.scenario().lanes.length; k++) {
      const { x, y } = await h.positions(k)
      const bytes = new Uint8Array(Float64Array.from([...x, ...y]).buffer)
      out.push(Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''))
    }
    return out
  })
}

/** Waits until the run stands paused at exactly `step`, its frame published. */
async function pausedAt(page: Page, step: number, wait = WAIT): Promise<void> {
  await expect.poll(() => share(page, (h) => (h.loading() || h.playing() ? -1 : h.step())), wait).toBe(step)
}

/** The field names the notice lists. */
function noticeFields(page: Page): Promise<string[]> {
  return page.$$eval('.notice li code', (codes) => codes.map((c) => c.textContent ?? ''))
}

describe.skipIf(!chromiumPath)('sharing, presets and presentation', () => {
  let browser: Browser

  beforeAll(async () => {
    browser = await launchChromium(chromiumPath ?? '')
  })

  afterAll(async () => {
    await browser?.close()
  })

  test(
    'a copied link reopens the identical run: ' + 'the same float64 positions at the same step, bit for bit',
    async () => {
      const { page, errors } = await openPage(browser, `${appUrl}?bench`)
      await waitForLabels(page, MULLER_BROWN)
      const seed = page.getByRole('textbox', { name: 'Seed' })
      await seed.fill('11')
      await seed.press('Enter')
      await page.getByRole('combobox', { name: 'Colour scale' }).selectOption('log')
      await expect.poll(() => share(page, (h) => h.scenario()), WAIT).toMatchObject({ seed: 11 })
      await share(page, (h) => {
        h.pause()
        h.reset()
        h.setSpeed(100)
        h.runTo(1234)
      })
      await pausedAt(page, 1234)
      // Turn the 3D view (left drag) and pan it (right drag): the eye, centre and up go into the link.
      await page.locator('#surface-plot .gl-container canvas').first().waitFor(WAIT)
      const box = (await page.locator('#surface-plot').boundingBox())!
      const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2]
      await page.mouse.move(cx, cy)
      await page.mouse.down()
      await page.mouse.move(cx + 90, cy + 20, { steps: 8 })
      await page.mouse.up()
      await page.mouse.move(cx, cy)
      await page.mouse.down({ button: 'right' })
      await page.mouse.move(cx + 40, cy - 30, { steps: 8 })
      await page.mouse.up({ button: 'right' })
      await page.getByRole('button', { name: 'Share', exact: true }).click()
      await page.getByRole('button', { name: 'Copy link' }).click()
      const link = await page.getByRole('textbox', { name: 'Link to this state' }).inputValue()
      const cam = /&cam=([^&]+)/.exec(link)?.[1].split('_').map(Number) ?? []
      expect(cam, link).toHaveLength(9)
      // The page's own address: the sub-path the build is served from.
      expect(link.startsWith(`${appUrl}?v=1&`)).toBe(true)
      expect(link).toMatch(/&seed=11&/)
      expect(link).toMatch(/&view=3d,log&/)
      expect(link).toMatch(/&step=1234&end$/)
      const before = { state: await share(page, (h) => h.page.state()), bits: await positionBits(page) }
      expect(before.bits).toHaveLength(2)

      const reopened = await openPage(browser, `${link}&bench`)
      await pausedAt(reopened.page, 1234, LONG)
      expect(await share(reopened.page, (h) => h.page.state())).toBe(before.state)
      expect(await positionBits(reopened.page)).toEqual(before.bits)
      expect(await reopened.page.getByRole('combobox', { name: 'Colour scale' }).inputValue()).toBe('log')
      expect(await reopened.page.getByRole('textbox', { name: 'Seed' }).inputValue()).toBe('11')
      // The reopened scene looks from the same eye at the same centre with the same up (to the link's 4 decimals).
      const scene = async (p: Page) =>
        p.evaluate(() => {
          type Plot = HTMLElement & {
            _fullLayout: {
              scene: { _scene: { getCamera(): Record<'eye' | 'center' | 'up', { x: number; y: number; z: number }> } }
            }
          }
          const c = (document.getElementById('surface-plot') as Plot)._fullLayout.scene._scene.getCamera()
          return [c.eye, c.center, c.up].flatMap((v) => [v.x, v.y, v.z])
        })
      await expect
        .poll(async () => (await scene(reopened.page)).every((v, k) => Math.abs(v - cam[k]) < 1e-3), WAIT)
        .toBe(true)
      expect([...errors, ...reopened.errors]).toEqual([])
      await page.close()
      await reopened.page.close()
    },
    120_000,
  )

  test(
    'a link with a formula, its parameters and domain, and every kind of start ' +
      'replays to its step identically in two pages',
    async () => {
      const scenario = defaultScenario()
      scenario.surface = {
        kind: 'formula',
        text: 'a*(x^2 - 1)^2 + b*y^2 + 0.3*x',
        parameters: { a: 0.1 + 0.2, b: 1.5 },
        domain: { xmin: -2, xmax: 2, ymin: -1.5, ymax: 1.5 },
      }
      scenario.seed = 2 ** 40 + 7
      scenario.lanes = [
        { method: 'adam', settings: { lr: 0.05 }, walkers: 3, start: { kind: 'gaussian', x: 1.2, y: 0.4, sigma: 0.2 } },
        { method: 'baoab', settings: { kT: 0.3, dt: 0.02, gamma: 1 }, walkers: 200, start: { kind: 'uniform' } },
        { method: 'metropolis', settings: { kT: 0.3 }, walkers: 50, start: { kind: 'point', x: -1, y: 0 } },
      ]
      const query = encodeState({ scenario, view: { ...defaultView(), show3d: false, step: 777 } })
      const pages = await Promise.all([0, 1].map(() => openPage(browser, `${appUrl}?${query}&bench`)))
      for (const { page } of pages) await pausedAt(page, 777, LONG)
      const [a, b] = await Promise.all(pages.map(({ page }) => positionBits(page)))
      expect(a).toHaveLength(3)
      expect(b).toEqual(a)
      expect(await share(pages[0].page, (h) => h.page.state())).toBe(`${query}`)
      expect(await pages[0].page.locator('#surface-plot').count()).toBe(0)
      expect(await pages[0].page.locator('.notice').count()).toBe(0)
      for (const { page, errors } of pages) {
        expect(errors).toEqual([])
        await page.close()
      }
    },
    120_000,
  )

  test(
    'every guided experiment loads with one click, runs its stated steps at full speed, ' +
      'and then shows what its claim says',
    async () => {
      // predict=0, as for a lecture: each experiment runs without asking its prediction (e2e/predict.test.ts asks).
      const { page, errors } = await openPage(browser, `${appUrl}?bench&predict=0`)
      await waitForLabels(page, MULLER_BROWN)
      const section = page.locator('section.experiment')
      /** What each focus view draws, so the view that makes the point is seen to be there. */
      const drawn: Record<string, string> = {
        kinetic: '.kinetic svg rect',
        density: '.lane-figure canvas',
        energy: 'figure.chart path',
        'free-energy': '.maps canvas',
        replicas: '.ladder svg line.rung',
        channels: '.channels tbody tr',
        arrhenius: '.arrhenius',
      }
      const says: Record<string, RegExp> = {
        'local-minimum': /Lane A, Gradient descent: stuck in local minimum U = -80\.77 \(global minimum is -146\.70\)/i,
        'saddle-escape': /Lane A, Gradient descent: stopped at a saddle point/i,
        plateau: /Lane A, Gradient descent: on a plateau/i,
        'rosenbrock-valley': /Newton[^:]*: reached the global minimum/i,
      }
      for (const e of EXPERIMENTS) {
        await page.getByText('Experiments', { exact: true }).click()
        await page.locator(`button[data-experiment="${e.id}"]`).click()
        await expect.poll(() => share(page, (h) => h.page.experiment()?.id ?? null), WAIT).toBe(e.id)
        await share(page, (h) => {
          h.setSpeed(1000)
          h.unthrottled(true)
        })
        // The focus view comes once the preset is applied.
        await section.locator(`[data-focus="${e.focus}"]`).waitFor(WAIT)
        expect(await section.locator('h2').textContent()).toContain(e.title)
        expect(await section.locator('.question').textContent()).toContain(e.question)
        // The Arrhenius plot is the sweep the page runs in its task worker:
        // it starts as the experiment opens (one click).
        await expect
          .poll(
            () =>
              share(page, (h) => {
                const x = h.page.experiment()
                return x && x.failures !== null && !x.waitingForSweep ? x.failures : null
              }),
            LONG,
          )
          .toEqual([])
        expect(await share(page, (h) => [h.step(), h.playing()])).toEqual([e.steps, false])
        expect(await section.getAttribute('data-experiment')).toBe(e.id)
        expect(await section.locator('[data-verdict]').getAttribute('data-verdict')).toBe('holds')
        expect(await section.locator(`[data-focus="${e.focus}"]`).count()).toBe(1)
        const selector = drawn[e.focus] ?? '.status-lines li'
        expect(await section.locator(selector).count(), `${e.id}: ${selector}`).toBeGreaterThan(0)
        // The lanes' status lines are shown once: in the experiment's panel, or in the strip beside the map.
        expect(await page.locator('.status-lines').count(), `${e.id}: status lines`).toBe(1)
        // What the reader sees says what the claim says, in words.
        const words = says[e.id]
        if (words)
          await expect.poll(async () => ascii((await section.innerText()).replace(/\s+/g, ' ')), WAIT).toMatch(words)
        // The address names the experiment, at the step it stands at.
        await expect.poll(() => page.url(), WAIT).toMatch(new RegExp(`&experiment=${e.id}(&|$)`))
      }
      expect(errors).toEqual([])
      await page.close()
    },
    180_000,
  )

  test(
    '20 malformed and hostile links open with a notice naming what was ignored, ' +
      'the page runs, and nothing in them runs',
    async () => {
      const good = encodeState({ scenario: defaultScenario(), view: defaultView() })
      /** Each link, with what the page itself finds beyond the decoder (a formula that does not check, page keys). */
      const corpus: { query: string; page?: string[] }[] = [
        { query: 'surface=%3Cscript%3Ewindow.__probe%3D1%3C%2Fscript%3E' },
        { query: 'formula=%3Cimg%20src%3Dx%20onerror%3D%22window.__probe%3D1%22%3E', page: ['formula'] },
        { query: 'lane=javascript:window.__probe%3D1' },
        { query: `${good}&__proto__%5Bpolluted%5D=1&constructor=1` },
        { query: 'prototype=2&seed=1e999' },
        { query: 'speed=99999999999&step=-5' },
        { query: 'lane=gd,lr:1e308,walkers:1e9,at:0_0.5' },
        { query: 'formula=x%5E2&domain=NaN_1_0_1' },
        { query: `${good.replace('v=1', 'v=999')}&hologram=%3Cb%3Eon%3C%2Fb%3E` },
        { query: 'view=3d,%3Csvg%2Fonload%3Dwindow.__probe%3D1%3E&cam=1_2' },
        { query: 'formula=a*x%5E2&param=__proto__:1,constructor:2,a:%3Cscript%3E' },
        { query: good.slice(0, 61) },
        { query: 'lane=baoab,kT:0&lane=gd,lr:-1&lane=x&lane=y&lane=z' },
        { query: '%E0%A4%A=1&surface=%' },
        { query: 'experiment=constructor', page: ['experiment'] },
        { query: 'theme=%3Cstyle%3Ebody%7Bdisplay:none%7D%3C%2Fstyle%3E', page: ['theme'] },
        { query: 'lane=gd,walkers:1,at:0_0.5,onerror:alert(1)&seed=javascript:alert(1)' },
        { query: 'formula=import(%22fs%22)', page: ['formula'] },
        { query: 'surface=himmelblau&formula=x%5E2&domain=1_0_0_1' },
        { query: `lane=parallel-tempering,walkers:10,at:0_0&seed=%7B%22a%22:1%7D&cam=1e999_0_0` },
      ]
      expect(corpus).toHaveLength(20)
      const { page, errors } = await openPage(browser, 'about:blank')
      const dialogs: string[] = []
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message())
        void dialog.dismiss()
      })
      // The probe: a global any injected script would set, and a watch on every <script> element or on* attribute
      // added to the page once the app's own document is parsed.
      await page.addInitScript(() => {
        const w = window as unknown as { __added: string[] }
        w.__added = []
        document.addEventListener('DOMContentLoaded', () => {
          const onAttributes = (el: Element) =>
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)
          new MutationObserver((records) => {
            for (const r of records) {
              if (r.type === 'attributes' && r.target instanceof Element && /^on/i.test(r.attributeName ?? ''))
                w.__added.push(`${r.target.tagName} ${r.attributeName}`)
              for (const node of r.addedNodes) {
                if (!(node instanceof Element)) continue
                for (const el of [node, ...node.querySelectorAll('*')]) {
                  if (el.tagName === 'SCRIPT') w.__added.push('SCRIPT')
                  w.__added.push(...onAttributes(el))
                }
              }
            }
          }).observe(document.documentElement, { childList: true, subtree: true, attributes: true })
        })
      })
      for (const { query, page: found = [] } of corpus) {
        const expected = [...new Set([...decodeState(query).problems.map((p) => p.field || 'link'), ...found])].slice(
          0,
          12,
        )
        expect(expected.length, query).toBeGreaterThan(0)
        await page.goto(`${appUrl}?${query}&bench`)
        await page.locator('.notice').waitFor(WAIT)
        await expect.poll(() => noticeFields(page), WAIT).toEqual(expect.arrayContaining(expected))
        // The page runs: its walkers move.
        await expect.poll(() => share(page, (h) => h.step()), WAIT).toBeGreaterThan(0)
        const probe = await page.evaluate(() => {
          const w = window as unknown as { __probe?: unknown; __added: string[] }
          const handlers = [...document.querySelectorAll('*')].flatMap((el) =>
            [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`),
          )
          return {
            probe: w.__probe ?? null,
            added: w.__added,
            handlers,
            scripts: document.scripts.length,
            polluted: ({} as Record<string, unknown>).polluted ?? null,
          }
        })
        expect(probe, query).toEqual({ probe: null, added: [], handlers: [], scripts: 1, polluted: null })
        // A link's text stays text: nothing of it becomes an element in the notice.
        expect(await page.locator('.notice :is(script, img, svg, style, b)').count(), query).toBe(0)
      }
      // Dismissed, the notice goes.
      await page.getByRole('button', { name: 'Dismiss' }).click()
      expect(await page.locator('.notice').count()).toBe(0)
      expect(dialogs).toEqual([])
      expect(errors).toEqual([])
      await page.close()
    },
    // A hang guard for 20 page loads, each of which has its own 30 s guards: on a loaded 2-core machine a load
    // takes up to 10 s, and 150 s was once not enough.
    300_000,
  )

  test(
    'saved surfaces and the last state survive a reload; a link wins over the stored state; ' +
      'Reset to defaults forgets them',
    async () => {
      const { page, errors } = await openPage(browser, appUrl)
      await waitForLabels(page, MULLER_BROWN)
      await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('(x^2 - 1)^2 + y^2')
      await waitForLabels(page, ['S1 1.00'])
      await page.getByText('Your saved surfaces').click()
      await page.getByRole('textbox', { name: 'Name for the formula' }).fill('double well')
      await page.getByRole('button', { name: 'Save the formula' }).click()
      await page.getByRole('textbox', { name: 'U(x, y) =' }).fill('x^2 + 3*y^2')
      await page.getByRole('textbox', { name: 'Name for the formula' }).fill('bowl')
      await page.getByRole('button', { name: 'Save the formula' }).click()
      await page.getByRole('button', { name: 'Rename bowl' }).click()
      await page.getByRole('textbox', { name: 'New name for bowl' }).fill('elliptic bowl')
      await page.getByRole('button', { name: 'Rename', exact: true }).click()
      const seed = page.getByRole('textbox', { name: 'Seed' })
      await seed.fill('5')
      await seed.press('Enter')
      // The address follows the state a moment after it settles.
      await expect.poll(() => page.url(), WAIT).toContain('seed=5')

      await page.reload()
      await page.getByText('Your saved surfaces (2)').click()
      const picker = page.getByRole('combobox', { name: 'Surface' })
      expect(await picker.locator('optgroup option').allTextContents()).toEqual(['double well', 'elliptic bowl'])
      await page.getByRole('button', { name: 'Load double well' }).click()
      await waitForLabels(page, ['S1 1.00'])
      expect(await page.getByRole('textbox', { name: 'U(x, y) =' }).inputValue()).toBe('(x^2 - 1)^2 + y^2')
      await page.getByRole('button', { name: 'Delete elliptic bowl' }).click()
      await expect.poll(async () => decodeURIComponent(page.url()), WAIT).toContain('formula=(x^2 - 1)^2 + y^2')

      // The bare address opens the last state; a state in the address wins over it.
      await page.goto(appUrl)
      await waitForLabels(page, ['S1 1.00'])
      expect(await seed.inputValue()).toBe('5')
      expect(await picker.locator('optgroup option').allTextContents()).toEqual(['double well'])
      await page.goto(`${appUrl}?seed=9`)
      await waitForLabels(page, MULLER_BROWN)
      await expect.poll(() => seed.inputValue(), WAIT).toBe('9')

      await page.getByRole('button', { name: 'Settings', exact: true }).click()
      await page.getByRole('button', { name: 'Reset to defaults' }).click()
      await page.getByRole('region', { name: 'Settings' }).getByRole('button', { name: 'Reset', exact: true }).click()
      await expect.poll(() => seed.inputValue(), WAIT).toBe('1')
      await page.goto(appUrl)
      await waitForLabels(page, MULLER_BROWN)
      expect(await page.getByText('Your saved surfaces (0)').count()).toBe(1)
      expect(await picker.locator('optgroup').count()).toBe(0)
      expect(await seed.inputValue()).toBe('1')
      expect(errors).toEqual([])
      await page.close()
    },
    120_000,
  )

  test(
    'the build served from a sub-path loads its assets by relative paths, ' +
      'and Copy link uses the page’s own address',
    async () => {
      const html = await (await fetch(appUrl)).text()
      const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1])
      expect(sources.length).toBeGreaterThan(1)
      for (const source of sources) expect(source.startsWith('./'), source).toBe(true)
      const { page, errors, offsite } = await openPage(browser, appUrl)
      const requested: string[] = []
      page.on('request', (request) => requested.push(request.url()))
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(appUrl).origin })
      await page.reload()
      await waitForLabels(page, MULLER_BROWN)
      const local = requested.filter((url) => url.startsWith(new URL(appUrl).origin))
      expect(local.length).toBeGreaterThan(3)
      for (const url of local) expect(url.startsWith(appUrl), url).toBe(true)
      await page.getByRole('button', { name: 'Share', exact: true }).click()
      await page.getByRole('button', { name: 'Copy link' }).click()
      const link = await page.getByRole('textbox', { name: 'Link to this state' }).inputValue()
      expect(link.startsWith(`${appUrl}?v=1&`)).toBe(true)
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)
      await page.getByRole('button', { name: 'Copy embed link' }).click()
      expect(await page.getByRole('textbox', { name: 'Link to this state' }).inputValue()).toMatch(/&embed=1$/)
      expect(errors).toEqual([])
      expect(offsite).toEqual([])
      await page.close()
    },
  )

  test(
    '?embed=1 shows the map, a play/pause button and the status lines only; ' +
      'themes follow the system until chosen; print shows figures',
    async () => {
      const { page, errors } = await openPage(browser, `${appUrl}?embed=1&bench`, { colorScheme: 'dark' })
      await waitForLabels(page, MULLER_BROWN)
      await expect.poll(() => share(page, (h) => h.step()), WAIT).toBeGreaterThan(0)
      expect(await page.getByRole('button', { name: /^(Play|Pause)$/ }).isVisible()).toBe(true)
      expect(await page.locator('.status-lines li').count()).toBe(2)
      await expect.poll(() => page.locator('.status-lines li').first().textContent(), WAIT).not.toContain('waiting')
      for (const side of [
        '.run-controls',
        '.surface-controls',
        '.lanes',
        '#surface-plot',
        '.page-tools',
        '.explainer',
        '.map-options',
      ]) {
        expect(await page.locator(side).count(), side).toBe(0)
      }
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark')
      expect(await page.getByRole('link', { name: /Open in the full playground/ }).count()).toBe(1)
      await page.close()

      // The full page: the system's dark theme, then a choice of light that a reload keeps.
      const full = await openPage(browser, appUrl, { colorScheme: 'dark' })
      await waitForLabels(full.page, MULLER_BROWN)
      const background = () => full.page.evaluate(() => getComputedStyle(document.body).backgroundColor)
      expect(await background()).toBe('rgb(18, 19, 24)')
      await full.page.getByRole('button', { name: 'Settings', exact: true }).click()
      await full.page.getByRole('combobox', { name: 'Theme' }).selectOption('light')
      expect(await background()).toBe('rgb(245, 246, 248)')
      await full.page.getByRole('combobox', { name: 'Lane colours' }).selectOption('tol-vibrant')
      await full.page.reload()
      await waitForLabels(full.page, MULLER_BROWN)
      expect(await background()).toBe('rgb(245, 246, 248)')
      await full.page.getByRole('button', { name: 'Settings', exact: true }).click()
      expect(await full.page.getByRole('combobox', { name: 'Lane colours' }).inputValue()).toBe('tol-vibrant')
      await full.page.keyboard.press('Escape')
      // Printed: the figures and their captions, no controls, black text.
      await full.page.emulateMedia({ media: 'print' })
      expect(await full.page.locator('#contour-plot').isVisible()).toBe(true)
      expect(await full.page.locator('#contour-plot-title').isVisible()).toBe(true)
      for (const control of ['.run-controls', '.surface-controls', '.page-tools', '.lane .settings']) {
        expect(await full.page.locator(control).first().isVisible(), control).toBe(false)
      }
      expect(await full.page.evaluate(() => getComputedStyle(document.body).color)).toBe('rgb(0, 0, 0)')
      expect([...errors, ...full.errors]).toEqual([])
      await full.page.close()
    },
    120_000,
  )
})

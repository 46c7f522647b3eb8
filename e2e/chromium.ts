import { accessSync, constants } from 'node:fs'
import { chromium, type Browser, type Page } from 'playwright-core'

/** Where a system Chromium is looked for when CHROMIUM_PATH is not set. No test tool downloads one. */
export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** CHROMIUM_PATH if set (it must exist), else the first candidate found, else null. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.CHROMIUM_PATH?.trim()
  if (chosen) {
    if (!executable(chosen)) throw new Error(`CHROMIUM_PATH=${chosen} is not an executable file`)
    return chosen
  }
  return CHROMIUM_CANDIDATES.find(executable) ?? null
}

/**
 * Flags measured on this kind of machine: no sandbox (tests run as root in a
 * container), no GPU (WebGL still works, through SwiftShader), and nothing that
 * phones home (the network is closed; without these Chromium retries Google's
 * hosts at every start). playwright adds --headless and a fresh user-data-dir.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_FLAGS })
}

/** A page that records every console error, uncaught exception and request that leaves the app's origin. */
export interface WatchedPage {
  page: Page
  errors: string[]
  offsite: string[]
}

interface PageOptions {
  width?: number
  height?: number
  colorScheme?: 'light' | 'dark'
}

/** Events a test listens to on a page: a kept tab drops every listener of these when its test closes it. */
const TEST_EVENTS = ['console', 'pageerror', 'request', 'response', 'dialog', 'download', 'popup'] as const

/**
 * One tab per browser is kept from test to test. A page closed by its test is
 * only navigated away; the next test that opens a page gets that tab with its
 * origin's storage, its permissions and its history cleared, and its viewport
 * and colour scheme set, as a fresh page would have them. Its renderer keeps
 * the scripts it has compiled: measured on 2 cores, a page load costs about 7
 * CPU-seconds in the kept tab against 10 in a new one. A test that opens a
 * second page while the tab is in use gets a new page in its own context, as
 * before; a tab given an init script is closed for good (init scripts cannot
 * be taken back).
 */
const kept = new WeakMap<Browser, { page: Page; busy: boolean; origins: Set<string> }>()

/**
 * Forgets what pages of `origins` stored (local storage, IndexedDB, cookies...) and the tab's history, so
 * Back cannot land on an earlier test's page; the HTTP cache stays.
 */
async function forget(page: Page, origins: Iterable<string>): Promise<void> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Page.resetNavigationHistory')
  for (const origin of origins) {
    await cdp.send('Storage.clearDataForOrigin', {
      origin,
      storageTypes: 'cookies,local_storage,indexeddb,websql,file_systems,cache_storage,service_workers',
    })
  }
  await cdp.detach()
}

async function keptTab(browser: Browser, url: string, options: PageOptions): Promise<Page | null> {
  const tab = kept.get(browser)
  if (!tab || tab.busy || tab.page.isClosed()) return null
  tab.busy = true
  const { page } = tab
  const { origin } = new URL(url)
  if (origin.startsWith('http')) tab.origins.add(origin)
  await forget(page, tab.origins)
  await page.context().clearPermissions()
  await page.setViewportSize({ width: options.width ?? 1280, height: options.height ?? 800 })
  await page.emulateMedia({ media: null, colorScheme: options.colorScheme ?? 'light' })
  return page
}

async function newTab(browser: Browser, options: PageOptions): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  })
  const tab = kept.get(browser)
  if (!tab || tab.page.isClosed()) {
    const entry = { page, busy: true, origins: new Set<string>() }
    kept.set(browser, entry)
    const close = page.close.bind(page)
    const addInitScript = page.addInitScript.bind(page)
    // An init script would run in every later test's page: this tab is not kept.
    page.addInitScript = ((...args: Parameters<Page['addInitScript']>) => {
      if (kept.get(browser) === entry) kept.delete(browser)
      return addInitScript(...args)
    }) as Page['addInitScript']
    page.close = async (closeOptions) => {
      if (kept.get(browser) !== entry || page.isClosed()) return close(closeOptions)
      for (const event of TEST_EVENTS) page.removeAllListeners(event)
      const { origin } = new URL(page.url())
      if (origin.startsWith('http')) entry.origins.add(origin)
      await page.goto('about:blank')
      entry.busy = false
    }
  }
  return page
}

export async function openPage(browser: Browser, url: string, options: PageOptions = {}): Promise<WatchedPage> {
  const page = (await keptTab(browser, url, options)) ?? (await newTab(browser, options))
  const errors: string[] = []
  const offsite: string[] = []
  const origin = new URL(url).origin
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`)
  })
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
  page.on('request', (request) => {
    const target = request.url()
    if (!target.startsWith(origin) && !/^(data|blob):/.test(target)) offsite.push(target)
  })
  await page.goto(url)
  return { page, errors, offsite }
}

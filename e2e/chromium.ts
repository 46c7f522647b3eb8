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

export async function openPage(
  browser: Browser,
  url: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark' } = {},
): Promise<WatchedPage> {
  const page = await browser.newPage({
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
  })
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

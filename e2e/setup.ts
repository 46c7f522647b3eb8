import { rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'
import type { TestProject } from 'vitest/node'
import { findChromium } from './chromium'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The system Chromium to drive, or null when there is none and the browser tests are skipped. */
    chromiumPath: string | null
    /** The built app, served under a sub-path (the build must work from any). */
    appUrl: string
  }
}

const root = fileURLToPath(new URL('..', import.meta.url))
/** One build per test run, so two runs in the same checkout never serve or delete each other's. */
const outDir = fileURLToPath(new URL(`../.e2e/dist-${process.pid}`, import.meta.url))
/** The app must work from any sub-path of a static host, so the tests use one. */
const SUB_PATH = '/some/sub/path/'

const MISSING = `
================================================================================
  BROWSER TESTS SKIPPED: no Chromium found; install chromium or set
  CHROMIUM_PATH=/path/to/chromium
  (looked for CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser,
  /usr/bin/google-chrome; on Debian: apt-get install chromium)
================================================================================
`

/**
 * Builds the app with Vite into .e2e/dist and serves it with Vite's preview
 * server on a free port, for the browser tests; or, with no Chromium, skips them
 * loudly (and fails under CI, where a skipped browser test would hide a break).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const chromiumPath = findChromium()
  if (!chromiumPath) {
    if (/^(1|true)$/i.test(process.env.CI ?? '')) {
      throw new Error(
        'CI is set but no Chromium was found: install chromium (apt-get install chromium) ' +
          'or set CHROMIUM_PATH=/path/to/chromium',
      )
    }
    process.stderr.write(MISSING)
    project.provide('chromiumPath', null)
    project.provide('appUrl', '')
    return async () => {}
  }
  await build({ root, logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  const server = await preview({
    root,
    base: SUB_PATH,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const appUrl = server.resolvedUrls?.local[0]
  if (!appUrl) throw new Error('vite preview did not report its address')
  project.provide('chromiumPath', chromiumPath)
  project.provide('appUrl', appUrl)
  return async () => {
    await server.close()
    rmSync(outDir, { recursive: true, force: true })
  }
}

#!/usr/bin/env node
// The `landscape` command. It runs dist-cli/landscape.mjs, the CLI bundled by
// scripts/build-cli.mjs (which `prepare` runs after npm install), when that
// bundle is at least as new as src/core and src/cli; otherwise it rebuilds the
// bundle first, and only when that cannot be done (no esbuild, a read-only
// checkout, a source esbuild refuses) runs the TypeScript sources through tsx.
// Every route calls the same main(), so output and exit codes do not depend on it.
import { build, BUNDLE_URL, isFresh } from '../scripts/build-cli.mjs'

async function loadMain() {
  if (isFresh()) {
    try {
      return (await import(BUNDLE_URL)).main
    } catch {
      // A damaged bundle: build it again.
    }
  }
  try {
    await build({ logLevel: 'silent' })
    // A query, so that a bundle that failed to load above is loaded anew.
    return (await import(`${BUNDLE_URL}?${Date.now()}`)).main
  } catch {
    const { register } = await import('tsx/esm/api')
    register()
    return (await import('../src/cli/main.ts')).main
  }
}

const main = await loadMain()
process.exitCode = await main(process.argv.slice(2), process.stdout, process.stderr)

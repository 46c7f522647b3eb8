#!/usr/bin/env node
// Prints the gzipped size of the JavaScript the built page loads at start (the
// entry chunk, its static imports and the workers they start) and of the chunks
// loaded only on use (dynamic imports), and fails when the start-up total is
// over budget. Reads Vite's manifest: node scripts/bundle-report.mjs [dist]
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const BUDGET_KIB = 1000
const dist = process.argv[2] ?? 'dist'
const manifestPath = join(dist, '.vite', 'manifest.json')
if (!existsSync(manifestPath)) {
  console.error(`bundle-report: no ${manifestPath}; run vite build (with build.manifest) first`)
  process.exit(1)
}
/**
 * One entry of Vite's manifest.
 * @typedef {object} ManifestChunk
 * @property {string} file
 * @property {boolean} [isEntry]
 * @property {string[]} [imports]
 * @property {string[]} [dynamicImports]
 * @property {string[]} [css]
 * @property {string[]} [assets]
 */
/** @type {Record<string, ManifestChunk>} */
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))

const gzipKiB = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length / 1024
const isJs = (file) => file.endsWith('.js') || file.endsWith('.mjs')

/** Files reached from `keys` through static imports, with the CSS and worker chunks they bring. */
function reach(keys, seen = new Set(), rootRole = 'entry') {
  const files = { js: new Map(), css: new Set() }
  const roots = new Set(keys)
  const visit = (key) => {
    if (seen.has(key)) return
    seen.add(key)
    const chunk = manifest[key]
    files.js.set(chunk.file, chunk.isEntry ? 'entry' : roots.has(key) ? rootRole : 'static import')
    for (const css of chunk.css ?? []) files.css.add(css)
    // A worker is emitted as an asset of the chunk that starts it.
    for (const asset of chunk.assets ?? []) if (isJs(asset)) files.js.set(asset, 'worker')
    for (const imported of chunk.imports ?? []) visit(imported)
  }
  keys.forEach(visit)
  return files
}

const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry)
const seen = new Set()
const startup = reach(entries, seen)
const dynamicKeys = Object.values(manifest).flatMap((chunk) => chunk.dynamicImports ?? [])
const onUse = reach(
  dynamicKeys.filter((key) => !seen.has(key)),
  seen,
  'dynamic import',
)
// Anything else in assets/ (say a worker's own chunks) is loaded only when asked for.
const listed = new Set([...startup.js.keys(), ...onUse.js.keys()])
for (const file of readdirSync(join(dist, 'assets'))) {
  const path = `assets/${file}`
  if (isJs(path) && !listed.has(path)) onUse.js.set(path, 'unlisted')
}

const width = Math.max(20, ...[...startup.js.keys(), ...onUse.js.keys()].map((f) => f.length))
const line = (name, kib, note = '') => `  ${name.padEnd(width)} ${kib.toFixed(1).padStart(8)} KiB  ${note}`
function table(files) {
  let total = 0
  for (const [file, role] of files) {
    const kib = gzipKiB(file)
    total += kib
    console.log(line(file, kib, role))
  }
  return total
}

console.log('JavaScript loaded at start-up (gzipped):')
const total = table(startup.js)
console.log(line('total', total, `budget ${BUDGET_KIB} KiB`))
console.log('JavaScript loaded only on use (gzipped):')
if (onUse.js.size === 0) console.log('  none')
else console.log(line('total', table(onUse.js)))
const css = [...startup.css].reduce((sum, file) => sum + gzipKiB(file), 0)
console.log(`CSS at start-up (gzipped): ${css.toFixed(1)} KiB`)

if (total > BUDGET_KIB) {
  console.error(
    `bundle-report: start-up JavaScript is ${total.toFixed(1)} KiB gzipped, over the ${BUDGET_KIB} KiB budget`,
  )
  process.exit(1)
}

#!/usr/bin/env node
// Bundles the `landscape` CLI (src/cli/main.ts and everything it imports,
// dependencies included) into one ES module, dist-cli/landscape.mjs (and its
// observer thread into dist-cli/observer-worker.mjs), so the
// command starts without compiling TypeScript on every run. Run by `prepare`
// (after npm install / npm ci) and by `npm run build:cli`; bin/landscape.mjs
// also calls build() when the bundle is older than the sources.
//
// Beside the bundle it writes dist-cli/stamp.json, what the bundle was built
// from: the newest mtime among the source trees (files and directories, taken
// before esbuild reads them, so an edit made during the build still counts as
// newer) and the inputs esbuild read. bin/landscape.mjs compares the trees
// against it with isFresh(); this module imports esbuild only inside build(),
// so that check stays cheap.
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/[\\/]$/, '')
export const OUT_DIR = join(ROOT, 'dist-cli')
export const BUNDLE = join(OUT_DIR, 'landscape.mjs')
export const BUNDLE_URL = pathToFileURL(BUNDLE).href
export const STAMP = join(OUT_DIR, 'stamp.json')
const ENTRY = 'src/cli/main.ts'
/** The worker thread `landscape sample` observes long runs in (src/cli/observe-aside.ts), bundled beside it. */
const WORKER_ENTRY = 'src/cli/observer-worker.ts'
export const WORKER = join(OUT_DIR, 'observer-worker.mjs')
/** The trees whose change makes the bundle stale (relative to ROOT). */
export const SOURCE_ROOTS = ['src/core', 'src/cli']
/**
 * Single files that count too: npm rewrites node_modules/.package-lock.json
 * whenever it changes node_modules (also under --ignore-scripts, when prepare
 * does not run).
 */
export const SOURCE_FILES = ['node_modules/.package-lock.json']
const STAMP_VERSION = 1

/**
 * The newest mtime (ms) of every file and directory under the roots, and of
 * the single files. A directory's own mtime moves when an entry is added,
 * removed or renamed in it, so those count as changes as well as edits.
 * Missing paths are skipped.
 */
export function newestSourceMtime(roots = SOURCE_ROOTS, files = SOURCE_FILES) {
  // Plain names and one statSync each: readdirSync's withFileTypes costs more
  // than it saves in a process that runs once (measured: ~3 ms against ~10 ms
  // for the ~190 entries of src/core and src/cli).
  let newest = 0
  let entries = 0
  const see = (path) => {
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) return undefined
    if (stat.mtimeMs > newest) newest = stat.mtimeMs
    entries++
    return stat
  }
  const visit = (dir) => {
    let names
    try {
      names = readdirSync(dir)
    } catch {
      return // removed meanwhile: its parent's mtime has moved
    }
    for (const name of names) {
      const path = `${dir}/${name}`
      if (see(path)?.isDirectory()) visit(path)
    }
  }
  for (const root of roots) {
    const path = `${ROOT}/${root}`
    if (see(path)?.isDirectory()) visit(path)
  }
  for (const file of files) see(`${ROOT}/${file}`)
  return { newestMtimeMs: newest, entries }
}

/** Whether dist-cli/landscape.mjs exists and was built from sources no older than the current ones. */
export function isFresh() {
  let stamp
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'))
  } catch {
    return false
  }
  if (stamp?.version !== STAMP_VERSION || typeof stamp.newestMtimeMs !== 'number') return false
  if (!statSync(BUNDLE, { throwIfNoEntry: false })?.isFile()) return false
  const { newestMtimeMs } = newestSourceMtime(stamp.roots, stamp.files)
  return newestMtimeMs <= stamp.newestMtimeMs
}

/** Writes `text` to `path` through a temporary file and a rename, so a reader never sees half a file. */
function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`
  try {
    writeFileSync(temporary, text)
    renameSync(temporary, path)
  } catch (e) {
    rmSync(temporary, { force: true })
    throw e
  }
}

/**
 * Builds dist-cli/landscape.mjs (with a separate source map) and
 * dist-cli/stamp.json. `logLevel` is esbuild's: bin/landscape.mjs passes
 * 'silent' so that a failed rebuild leaves stderr to the fallback.
 */
export async function build({ logLevel = 'warning' } = {}) {
  const esbuild = await import('esbuild')
  // Before esbuild reads anything: a file saved during the build is then newer than the stamp.
  const before = newestSourceMtime()
  const result = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { landscape: ENTRY, 'observer-worker': WORKER_ENTRY },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: false,
    sourcemap: 'linked',
    // CommonJS dependencies (@stdlib's debug, for one) require node builtins
    // such as tty; an ES module has no `require`, so give the bundle one.
    banner: {
      js:
        "import { createRequire as __landscapeCreateRequire } from 'node:module';\n" +
        'const require = __landscapeCreateRequire(import.meta.url);',
    },
    metafile: true,
    write: false,
    logLevel,
  })
  mkdirSync(OUT_DIR, { recursive: true })
  // The maps first and the bundles after them, the stamp last: a bundle never
  // points at a missing map, and a stamp never vouches for an older bundle.
  // The worker before the bundle that starts it.
  const rank = (path) => (path.endsWith('.map') ? 0 : path === BUNDLE ? 2 : 1)
  const files = [...result.outputFiles].sort((a, b) => rank(a.path) - rank(b.path))
  for (const file of files) writeAtomically(file.path, file.contents)
  const inputs = Object.keys(result.metafile.inputs)
  // Anything esbuild read outside node_modules must lie in a tree the stamp
  // watches (today everything is under src/core and src/cli). Such an extra
  // tree is only looked at after the build.
  const extraRoots = []
  const extraFiles = []
  for (const input of inputs) {
    if (input.startsWith('node_modules/') || [...SOURCE_ROOTS, ...extraRoots].some((r) => input.startsWith(`${r}/`)))
      continue
    if (input.includes('/')) extraRoots.push(input.slice(0, input.lastIndexOf('/')))
    else extraFiles.push(input)
  }
  const after = extraRoots.length + extraFiles.length > 0 ? newestSourceMtime(extraRoots, extraFiles).newestMtimeMs : 0
  const newestMtimeMs = Math.max(before.newestMtimeMs, after)
  const stamp = {
    version: STAMP_VERSION,
    builtAt: new Date().toISOString(),
    node: process.version,
    esbuild: esbuild.version,
    entry: ENTRY,
    worker: WORKER_ENTRY,
    roots: [...SOURCE_ROOTS, ...extraRoots],
    files: [...SOURCE_FILES, ...extraFiles],
    newestMtimeMs,
    sources: inputs.filter((f) => !f.startsWith('node_modules/')).length,
    packages: [...new Set(inputs.filter((f) => f.startsWith('node_modules/')).map(packageOf))].sort(),
  }
  writeAtomically(STAMP, `${JSON.stringify(stamp, null, 2)}\n`)
  return {
    bundle: BUNDLE,
    bytes: files.find((f) => f.path === BUNDLE)?.contents.length ?? 0,
    inputs: inputs.length,
    warnings: result.warnings.length,
  }
}

/** node_modules/@scope/name/... or node_modules/name/... (nested node_modules too) -> the package name. */
function packageOf(input) {
  const parts = input.split('/')
  const at = parts.lastIndexOf('node_modules')
  return parts[at + 1].startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now()
  try {
    const { bundle, bytes, inputs } = await build()
    console.log(
      `build-cli: ${relative(process.cwd(), bundle).split(sep).join('/')} ` +
        `(${(bytes / 1024).toFixed(0)} KiB from ${inputs} inputs) in ${(performance.now() - t0).toFixed(0)} ms`,
    )
  } catch (e) {
    // esbuild has printed its errors already.
    if (!e?.errors) console.error(`build-cli: ${e?.message ?? e}`)
    if (process.env.npm_lifecycle_event === 'prepare') {
      // Not worth failing npm install over: bin/landscape.mjs retries the build and else runs the sources.
      console.error('build-cli: the CLI bundle was not built; `landscape` will run the TypeScript sources through tsx')
    } else {
      console.error('build-cli: the CLI bundle was not built')
      process.exitCode = 1
    }
  }
}

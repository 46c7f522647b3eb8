// The built app served by `vite preview` for the browser scripts (benchmark,
// screenshots): builds dist/ first when it is missing or older than the sources.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, preview } from 'vite'

export const root = fileURLToPath(new URL('..', import.meta.url))

function newest(dir) {
  let t = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    t = Math.max(t, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs)
  }
  return t
}

function needsBuild() {
  try {
    const built = statSync(join(root, 'dist', 'index.html')).mtimeMs
    return (
      Math.max(newest(join(root, 'src')), statSync(join(root, 'index.html')).mtimeMs, newest(join(root, 'public'))) >
      built
    )
  } catch {
    return true
  }
}

/** Builds if needed and serves dist/ on a free port: the page's URL and a close function. */
export async function servePreview() {
  if (needsBuild()) {
    console.log('building dist/ ...')
    await build({ root, logLevel: 'warn' })
  }
  const server = await preview({
    root,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('vite preview did not report its address')
  return { url, close: () => server.close() }
}

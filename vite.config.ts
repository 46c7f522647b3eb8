import { svelte } from '@sveltejs/vite-plugin-svelte'
import { defineConfig, type Plugin } from 'vite'

/**
 * plotly's registry `require`s maplibre's stylesheet for its map traces, which
 * the page never registers; without this it ships 75 kB of unused CSS.
 */
function dropMaplibreCss(): Plugin {
  const empty = '\0empty-maplibre-css'
  return {
    name: 'landscape:drop-maplibre-css',
    enforce: 'pre',
    resolveId: (id) => (id === 'maplibre-gl/dist/maplibre-gl.css' ? empty : null),
    load: (id) => (id === empty ? '' : null),
  }
}

/** The worker gets checked programs, never formula text: mathjs must stay on the page. */
function keepMathjsOutOfWorkers(): Plugin {
  return {
    name: 'landscape:no-mathjs-in-workers',
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== 'chunk') continue
        const mathjs = file.moduleIds.find((id) => id.includes('/node_modules/mathjs/'))
        if (mathjs)
          this.error(
            `worker chunk ${file.fileName} bundles mathjs (${mathjs}): ` +
              'import compileProgram from core/formula/compile, not core/formula',
          )
      }
    },
  }
}

export default defineConfig({
  // Relative asset URLs, so the build works from any sub-path of a static host.
  base: './',
  plugins: [dropMaplibreCss(), svelte({ configFile: false })],
  // plotly.js reads the Node-style `global` at run time.
  define: { global: 'globalThis' },
  worker: { format: 'es', plugins: () => [keepMathjsOutOfWorkers()] },
  build: {
    target: 'es2022',
    // scripts/bundle-report.mjs reads it to tell start-up chunks from chunks loaded on use.
    manifest: true,
    // plotly's core alone is far over Vite's 500 kB warning; scripts/bundle-report.mjs keeps the real budget.
    chunkSizeWarningLimit: 4000,
  },
  server: { port: 5173, strictPort: true },
})

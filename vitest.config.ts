import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Files run side by side, two per core (at most 4, each browser file starting its own Chromium): a browser
    // file spends most of its time waiting on the page (e2e/molecules.test.ts: 15 s of CPU in 39 s), so one
    // file per core left the cores idle; measured on 2 cores, the whole suite took 1,018 s one file per core.
    maxWorkers: Math.min(4, 2 * availableParallelism()),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bin/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
      {
        test: {
          // The built app in a system Chromium: e2e/setup.ts builds, serves and finds the browser.
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['e2e/setup.ts'],
          // Guards against a hang, not speed requirements.
          testTimeout: 90_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})

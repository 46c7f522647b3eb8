import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
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

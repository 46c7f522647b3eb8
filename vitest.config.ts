import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The three longest unit files (seconds in a clean `.ci/run` on 2 cores), started first: they need
 * one core each and no browser, so they pair with each other; started late (vitest orders a fresh
 * clone's files by size), the longest ran alone at the end. Every other file keeps vitest's order.
 */
const FIRST: readonly string[] = [
  'src/core/dynamics/samplers/calibration-muller-brown.test.ts', // 93
  'src/core/systems/ab13-search.test.ts', // 86
  'src/core/dynamics/samplers/calibration-double-well.test.ts', // 65
]

class LongUnitFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const k = FIRST.findIndex((path) => f.moduleId.endsWith(path))
      return k < 0 ? FIRST.length : k
    }
    return sorted
      .map((f, i) => ({ f, i }))
      .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i)
      .map(({ f }) => f)
  }
}

export default defineConfig({
  test: {
    // Files run side by side on every core (measured on 2 cores: two unit files in 23 s instead of 37 s one
    // after the other), browser files beside unit files; at most 4, each browser file starting its own Chromium.
    maxWorkers: Math.min(4, availableParallelism()),
    sequence: { sequencer: LongUnitFilesFirst },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'bin/**/*.test.ts'],
          environment: 'node',
          // Unit files share their worker's module cache (measured: 50 files in 24 s instead of 40, imports
          // 8 s instead of 20): core modules hold no state a test changes, and the few tests that stub a
          // global restore it.
          isolate: false,
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

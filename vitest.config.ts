import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'
import { BaseSequencer, type TestSpecification } from 'vitest/node'

/**
 * The files that take longest, longest first (seconds on 2 cores, a clean `.ci/run`): started first,
 * they leave the short files to fill in around them. A fresh clone has no timings of earlier runs
 * for vitest's own order to use. Files not listed keep vitest's order after these.
 */
const LONGEST: readonly string[] = [
  'e2e/share.test.ts', // 345
  'e2e/page.test.ts', // 169
  'e2e/labels.test.ts', // 123
  'src/core/dynamics/samplers/calibration-muller-brown.test.ts', // 112
  'e2e/playground.test.ts', // 104
  'src/core/systems/ab13-search.test.ts', // 82
  'src/core/dynamics/samplers/calibration-double-well.test.ts', // 75
  'e2e/training.test.ts', // 70
  'e2e/formula-domain.test.ts', // 68
  'e2e/export.test.ts', // 54
  'e2e/molecule-experiments.test.ts', // 51
  'e2e/geometry.test.ts', // 50
]

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files)
    const rank = (f: TestSpecification) => {
      const k = LONGEST.findIndex((path) => f.moduleId.endsWith(path))
      return k < 0 ? LONGEST.length : k
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
    // Two per core overloaded a 2-core machine (a load of 27: browser tests ran into their 90 s guard).
    maxWorkers: Math.min(4, availableParallelism()),
    // The longest files first, so that no long file starts last and runs alone at the end.
    sequence: { sequencer: LongestFirst },
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

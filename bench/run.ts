import { analysisBenchmarks } from './analysis'
import { cliBenchmarks } from './cli'
import { criticalBenchmarks } from './critical'
import { dynamicsBenchmarks } from './dynamics'
import { formulaBenchmarks } from './formula'
import { systemBenchmarks } from './systems'
import { trainingBenchmarks } from './training'

/** `npm run bench`: prints figures and ratios against baselines run in the same process. */
console.log(`landscape benchmarks, Node ${process.version}, ${new Date().toISOString()}`)
formulaBenchmarks()
criticalBenchmarks()
dynamicsBenchmarks()
analysisBenchmarks()
systemBenchmarks()
await trainingBenchmarks()
cliBenchmarks()

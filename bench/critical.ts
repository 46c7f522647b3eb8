import { criticalPoints } from '../src/core/landscape/critical'
import { ATLAS } from '../src/core/surfaces'
import { compileAtlasSurface } from '../src/core/surfaces/compile'
import { compileFormula } from '../src/core/formula'
import { table, time } from './measure'

/** Compile time and critical-point time per atlas surface. */
export function criticalBenchmarks(): void {
  const rows = ATLAS.map((entry) => {
    const compileMs = time(() => compileFormula(entry.formula, { domain: entry.domain }), 5)
    const surface = compileAtlasSurface(entry)
    let count = 0
    const criticalMs = time(() => (count = criticalPoints(surface).length), 5)
    return {
      surface: entry.id,
      'compile ms': +compileMs.toFixed(1),
      'critical points ms': +criticalMs.toFixed(0),
      points: count,
    }
  })
  table(
    'Per atlas surface: compile (parse + gradient + Hessian + codegen) and critical points ' +
      '(targets: < 50 ms, < 500 ms)',
    rows,
  )
  const worst = rows.reduce((a, b) => (b['critical points ms'] > a['critical points ms'] ? b : a))
  console.log(`slowest critical-point search: ${worst.surface} ${worst['critical points ms']} ms`)
}

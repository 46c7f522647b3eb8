import type { DescentMethod } from '../../core/systems/descent'
import { formatCount } from '../panels/numbers'
import type { DescentRequest, DescentSystem } from '../../engine/system-experiment-protocol'

export const DESCENT_SYSTEM_NAMES: Readonly<Record<DescentSystem, string>> = {
  lj13: 'LJ13 (13 atoms)',
  'ab-2d-13': 'AB-13 (a 13-bead protein chain)',
}

export const DESCENT_METHOD_NAMES: Readonly<Record<DescentMethod, string>> = {
  gd: 'gradient descent',
  lbfgs: 'L-BFGS',
  fire: 'FIRE',
}

/** Most starts the page runs (1,000 L-BFGS descents on LJ13 take about 6 s on a laptop). */
export const MOST_STARTS = 2000

/**
 * Starts and step cap by default: 1,000 starts, each run until it stops in a minimum. Gradient
 * descent's small fixed step (lr 0.001) crawls, the chain most (200 starts of AB-13 are all still
 * moving after 5,000 steps, 8 s): fewer starts, capped at 5,000 steps. FIRE on the chain creeps
 * along its flat valleys (1,000 starts: a third still moving after 3,000 steps, 6 s; 42 after
 * 20,000, 42 s): capped at 3,000.
 */
export function descentDefaults(system: DescentSystem, method: DescentMethod): { starts: number; maxSteps: number } {
  if (method === 'gd') return { starts: system === 'ab-2d-13' ? 100 : 300, maxSteps: 5000 }
  if (method === 'fire' && system === 'ab-2d-13') return { starts: 1000, maxSteps: 3000 }
  return { starts: 1000, maxSteps: 20_000 }
}

/** What the page says of a run's budget before it starts. */
export function descentNote(system: DescentSystem, method: DescentMethod): string {
  const { starts, maxSteps } = descentDefaults(system, method)
  const cap = `at most ${formatCount(maxSteps)} steps each; starts still moving then are drawn where they stopped.`
  if (method === 'gd') {
    const slowest = system === 'ab-2d-13' ? ', slowest on the chain' : ''
    return (
      `Gradient descent takes small fixed steps (learning rate 0.001) and crawls${slowest}: it runs ` +
      `${formatCount(starts)} starts by default, ${cap}`
    )
  }
  if (maxSteps < 20_000) return `${DESCENT_METHOD_NAMES[method]} creeps along the chain's flat valleys: ${cap}`
  return `Each start runs until it stops in a minimum (at most ${formatCount(maxSteps)} steps).`
}

/** The request for the fields as typed, or the message naming the field that is wrong. */
export function descentRequest(
  system: DescentSystem,
  method: DescentMethod,
  starts: number | null,
  seed: number | null,
): { ok: true; request: DescentRequest } | { ok: false; message: string } {
  if (starts === null || !Number.isInteger(starts) || starts < 1 || starts > MOST_STARTS)
    return { ok: false, message: `Starts: a whole number from 1 to ${MOST_STARTS.toLocaleString('en')}.` }
  if (seed === null || !Number.isInteger(seed) || seed < 0)
    return { ok: false, message: 'The seed is a whole number, 0 or more.' }
  return { ok: true, request: { system, method, starts, seed, maxSteps: descentDefaults(system, method).maxSteps } }
}

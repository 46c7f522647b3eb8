import type { SystemWalkerStatus } from '../dynamics/system-lane'

/** How a walker's method moves it, for its status words. */
export interface WalkerWordsOptions {
  /** A sampler's walker is sampling, not on its way to a minimum. */
  readonly sampler?: boolean
  /** Basin hopping's walker sits in a quenched minimum after every step. */
  readonly hopping?: boolean
  /** How an energy is written. Default: two decimals, exponent notation beyond 1e6. */
  readonly format?: (v: number) => string
}

const twoDecimals = (v: number) => (Math.abs(v) < 1e6 ? v.toFixed(2) : v.toExponential(3))

/**
 * What a walker of a system is doing, in the words the 2D lanes use: "quenched to a local minimum
 * E = -41.47 (global -44.33)", "quenched to the global minimum E = -44.33", "diverged at step 11",
 * "sampling, E = -40.10", "hopping, in a minimum E = -43.10 (global -44.33)", "still moving, E = ...".
 * The page and the command line both say it so.
 */
export function systemWalkerWords(s: SystemWalkerStatus, how: WalkerWordsOptions = {}): string {
  const e = how.format ?? twoDecimals
  const global = s.global === null ? '' : ` (global ${e(s.global)})`
  if (s.kind === 'diverged') return `diverged at step ${s.divergedAt}`
  if (how.hopping)
    return s.atGlobal
      ? `hopping, in the global minimum E = ${e(s.energy)}`
      : `hopping, in a minimum E = ${e(s.energy)}${global}`
  if (s.kind === 'running') return how.sampler ? `sampling, E = ${e(s.energy)}` : `still moving, E = ${e(s.energy)}`
  if (s.atGlobal) return `quenched to the global minimum E = ${e(s.energy)}`
  return `quenched to a local minimum E = ${e(s.energy)}${global}`
}

/**
 * The terms of a structure's energy in one line, in the order the system lists them:
 * "bonds 0.12, bond angles 3.41, dihedrals -1.20, non-bonded pairs -20.10".
 */
export function energyTermsWords(
  names: readonly string[],
  values: ArrayLike<number>,
  format: (v: number) => string = twoDecimals,
): string {
  return names.map((name, k) => `${name} ${format(values[k]!)}`).join(', ')
}

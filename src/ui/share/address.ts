import { experimentById, type Experiment } from '../../core/experiments'
import type { ScenarioProblem } from '../../core/scenario'
import { decodePredict, decodeState, encodeState, PAGE_KEYS, type SharedState } from '../../core/scenario/url'

/**
 * The page's address, read and written. Beside the state (core/scenario/url.ts)
 * a query may name an open guided experiment (`experiment=local-minimum`), ask
 * for minimal chrome (`embed=1`), force a theme (`theme=dark`), turn off the
 * predictions guided experiments ask (`predict=0`), carry the points clicked into the
 * training section (`points=x,y,label;…`, read by that section with its own checks) or
 * expose the tests' hook (`bench`).
 */

export type Theme = 'light' | 'dark'

/** Where the state the page opens with came from. */
export type OpeningSource = 'link' | 'stored' | 'experiment' | 'default'

export interface Opening {
  /** The state to apply; null: the page's defaults. */
  state: SharedState | null
  source: OpeningSource
  /** What could not be read, named by field. */
  problems: ScenarioProblem[]
  experiment: Experiment | null
  embed: boolean
  theme: Theme | null
  /** Whether guided experiments ask a prediction before they run (`predict=0`: not). */
  predict: boolean
  bench: boolean
  /** The training section's clicked points as the link carried them (unchecked text), or null. */
  points: string | null
}

/** Page keys are read with URLSearchParams (lenient: it never throws, whatever the escapes). */
function pageOptions(
  search: string,
  problems: ScenarioProblem[],
): Pick<Opening, 'experiment' | 'embed' | 'theme' | 'predict' | 'bench' | 'points'> {
  const params = new URLSearchParams(search)
  const id = params.get('experiment')
  // A Map lookup: ids such as 'constructor' find nothing.
  const experiment = id === null ? null : (experimentById(id) ?? null)
  if (id !== null && !experiment)
    problems.push({ field: 'experiment', message: 'no guided experiment has this name, ignored' })
  const theme = params.get('theme')
  if (theme !== null && theme !== 'light' && theme !== 'dark')
    problems.push({ field: 'theme', message: "theme must be 'light' or 'dark', ignored" })
  const predict = decodePredict(search)
  problems.push(...predict.problems)
  return {
    experiment,
    embed: params.has('embed') && params.get('embed') !== '0',
    theme: theme === 'light' || theme === 'dark' ? theme : null,
    predict: predict.predict,
    bench: params.has('bench'),
    points: params.get('points'),
  }
}

/** Whether a query carries anything beyond the page keys (an unknown key counts: it is reported). */
function carriesState(search: string): boolean {
  for (const key of new URLSearchParams(search).keys()) if (!PAGE_KEYS.includes(key)) return true
  return false
}

/**
 * What the page opens with. A state in the address wins; else an experiment
 * named in it opens with its preset; else (outside an embed, which shows only
 * what its link says) the last state stored; else the defaults. Stored text is
 * read by the same decoder as a link, never trusted.
 */
export function readOpening(search: string, stored: string | null): Opening {
  const query = search.startsWith('?') ? search.slice(1) : search
  const problems: ScenarioProblem[] = []
  const page = pageOptions(query, problems)
  if (carriesState(query)) {
    const decoded = decodeState(query)
    return { ...page, state: decoded.state, source: 'link', problems: [...decoded.problems, ...problems] }
  }
  if (page.experiment) return { ...page, state: structuredClone(page.experiment.state), source: 'experiment', problems }
  if (stored !== null && !page.embed) {
    const decoded = decodeState(stored)
    const experiment = pageOptions(stored, []).experiment
    return { ...page, experiment, state: decoded.state, source: 'stored', problems: [...decoded.problems, ...problems] }
  }
  return { ...page, state: null, source: 'default', problems }
}

/** The query of a state, with the page keys that belong with it. */
export function stateQuery(
  state: SharedState,
  page: { experiment?: string | null; embed?: boolean; theme?: Theme | null; predict?: boolean; bench?: boolean } = {},
): string {
  const extra = [
    page.experiment ? `experiment=${encodeURIComponent(page.experiment)}` : null,
    page.embed ? 'embed=1' : null,
    page.predict === false ? 'predict=0' : null,
    page.theme ? `theme=${page.theme}` : null,
    page.bench ? 'bench' : null,
  ]
  return [encodeState(state), ...extra].filter((part) => part !== null).join('&')
}

/** The page's own address with a query: a link that works from whatever sub-path the page is served at. */
export function pageLink(page: { origin: string; pathname: string }, query: string): string {
  return `${page.origin}${page.pathname}?${query}`
}

/**
 * Whether a change of the page's state from `before` to `after` is a new history entry ('push') or rewrites the
 * current one ('replace'): a new surface always pushes; new lanes or a new seed push once the run before had
 * `settled` (stood still for a while), so that a slider dragged in steps makes one entry, not one per step. The view
 * (colours, camera, speed, the step) never pushes.
 */
export function historyStep(before: SharedState | null, after: SharedState, settled: boolean): 'push' | 'replace' {
  if (before === null) return 'replace'
  const a = before.scenario
  const b = after.scenario
  if (JSON.stringify(a.surface) !== JSON.stringify(b.surface)) return 'push'
  if (settled && (a.seed !== b.seed || JSON.stringify(a.lanes) !== JSON.stringify(b.lanes))) return 'push'
  return 'replace'
}

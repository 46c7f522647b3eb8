import { STATUS, WALKER_STATUSES } from '../core/dynamics/status'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import { buildRunLane, parseInteger, RUN_HELP, RUN_OPTIONS, parseSettings, runInput, startOption } from './run-options'
import { resolvedScenario } from './resolved'
import {
  isSystemRun,
  refuseSystemOnlyOptions,
  runOnSystem,
  SYSTEM_RUN_HELP,
  SYSTEM_RUN_OPTIONS,
  systemRunTable,
  type SystemRunOutput,
} from './system-run'
import { namesSystem } from './system-options'
import type { Command } from './usage'

interface OptimizeOutput {
  version: string
  seed: number
  scenario: unknown
  steps: number
  /** Every K-th step is in the path (and the last). */
  every: number
  path: [number, number, number][]
  end: {
    x: number
    y: number
    value: number
    gradNorm: number
    status: string
    label: 'global' | 'local' | null
    divergedAt: number | null
  }
}

export const optimizeCommand: Command = {
  name: 'optimize',
  summary: 'run one optimizer walker and print its path and where it stopped (or W walkers on a system)',
  usage:
    'landscape optimize (--surface ID | --formula TEXT) --method M [--set NAME=VALUE ...] --start X,Y --steps N ' +
    '[--seed S] [--every K] [--json]\n' +
    '       landscape optimize (--system ID | --sequence AB...) --method M [--set ...] --steps N [--walkers W] ' +
    '[--start random|minimum:K] [--seed S] [--xyz FILE [--every K]] [--final-xyz FILE] [--json]',
  help: [
    'Runs one walker of an optimizer and prints its path [x, y, U] (every K-th step, and the last)',
    'and its end: position, U, |grad U|, and its status (running, minimum, saddle, maximum,',
    'plateau, oscillating or diverged) with global/local for a minimum.',
    ...RUN_HELP,
    '  --every K               keep every K-th point of the path (default 1; XYZ on a system: 10)',
    ...SYSTEM_RUN_HELP,
  ],
  options: { ...RUN_OPTIONS, ...SYSTEM_RUN_OPTIONS, every: { type: 'string' }, walkers: { type: 'string' } },
  run(values, warn): OptimizeOutput | SystemRunOutput {
    if (namesSystem(values)) return runOnSystem(values, 'optimize')
    refuseSystemOnlyOptions(values, ['walkers', 'xyz', 'final-xyz'])
    const steps = parseInteger(values.steps as string | undefined, '--steps', 0, 10_000_000)
    const every = parseInteger(values.every as string | undefined, '--every', 1, 10_000_000, 1)
    const input = runInput(
      values,
      (m) => (m.family === 'optimizer' ? null : `${m.id} is a sampler: run it with \`landscape sample\``),
      (method, surface) => ({
        settings: parseSettings(values.set as string[] | undefined, method),
        walkers: 1,
        start: startOption(values, surface),
      }),
    )
    input.surface.warnings.forEach(warn)
    const lane = buildRunLane(input)
    const w = lane.walkers
    const path: [number, number, number][] = [[w.x[0], w.y[0], w.u[0]]]
    for (let t = 1; t <= steps; t++) {
      lane.advance(1)
      if (t % every === 0 || t === steps) path.push([w.x[0], w.y[0], w.u[0]])
    }
    return {
      version: VERSION,
      seed: input.scenario.seed,
      scenario: resolvedScenario(input.scenario),
      steps,
      every,
      path,
      end: {
        x: w.x[0],
        y: w.y[0],
        value: w.u[0],
        gradNorm: Math.hypot(w.gx[0], w.gy[0]),
        status: WALKER_STATUSES[w.status[0]],
        label: lane.label(0),
        divergedAt: w.status[0] === STATUS.diverged ? w.divergedAt[0] : null,
      },
    }
  },
  table(result) {
    if (isSystemRun(result)) return systemRunTable(result)
    const { end, path } = result as OptimizeOutput
    const status =
      end.status === 'diverged'
        ? `diverged at step ${end.divergedAt}`
        : end.label
          ? `${end.status} (${end.label})`
          : end.status
    return renderTable(
      ['', 'x', 'y', 'U', '|grad U|', 'status'],
      [
        ['start', ...path[0].map((v) => formatNumber(v)), '', ''],
        ['end', formatNumber(end.x), formatNumber(end.y), formatNumber(end.value), formatNumber(end.gradNorm), status],
      ],
    )
  },
}

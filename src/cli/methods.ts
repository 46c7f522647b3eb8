import { METHODS } from '../core/dynamics/methods'
import { VERSION } from '../core/version'
import { renderTable } from './format'
import type { Command } from './usage'

export const methodsCommand: Command = {
  name: 'methods',
  summary: 'list every optimizer and sampler with its settings',
  usage: 'landscape methods [--json]',
  help: [
    'Lists every method with its settings: defaults, valid ranges, units and a line of help.',
    'Set them with --set NAME=VALUE in `optimize` and `sample`.',
  ],
  options: {},
  run: () => ({
    version: VERSION,
    methods: METHODS.map((m) => ({
      id: m.id,
      family: m.family,
      name: m.name,
      summary: m.summary,
      reference: m.reference ?? null,
      physicalTime: m.physicalTime,
      velocities: m.velocities,
      params: m.params,
    })),
  }),
  table: () =>
    renderTable(
      ['id', 'family', 'name', 'settings'],
      METHODS.map((m) => [m.id, m.family, m.name, m.params.map((p) => `${p.name}=${p.default}`).join(' ')]),
    ),
}

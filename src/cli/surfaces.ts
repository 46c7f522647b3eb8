import { ATLAS } from '../core/surfaces'
import { VERSION } from '../core/version'
import { renderTable } from './format'
import type { Command } from './usage'

export const surfacesCommand: Command = {
  name: 'surfaces',
  summary: 'list the surface atlas',
  usage: 'landscape surfaces [--json]',
  help: ['Lists every atlas surface with its formula, domain, suggested settings and known critical points.'],
  options: {},
  run: () => ({ version: VERSION, surfaces: ATLAS }),
  table: () =>
    renderTable(
      ['id', 'title', 'domain', 'kT range'],
      ATLAS.map((s) => [
        s.id,
        s.title,
        `[${s.domain.xmin}, ${s.domain.xmax}] x [${s.domain.ymin}, ${s.domain.ymax}]` +
          `${s.domain.periodic ? ' periodic' : ''}`,
        `${s.kT[0]} to ${s.kT[1]}`,
      ]),
    ),
}

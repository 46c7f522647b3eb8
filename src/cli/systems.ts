import { SYSTEMS } from '../core/systems'
import { positionsOf } from '../core/systems/xyz'
import { VERSION } from '../core/version'
import { formatNumber, renderTable } from './format'
import type { Command } from './usage'

interface SystemEntry {
  id: string
  title: string
  dim: number
  units: string
  note: string
  /** How the state holds atoms (null: the coordinates are not positions, as an AB chain's turning angles). */
  atoms: { count: number; perAtom: 2 | 3 } | null
  /** Atoms or beads drawn, and a chain's bead letters (null for a cluster). */
  beads: number
  sequence: string | null
  defaults: { dt: number; kT: number; friction: number }
  minima: { name: string; energy: number; source: string }[]
}

export const systemsCommand: Command = {
  name: 'systems',
  summary: 'list the many-coordinate systems (clusters and chains)',
  usage: 'landscape systems [--json]',
  help: [
    'Lists every many-coordinate system: its id (for --system), title, number of coordinates d,',
    'units, atoms, defaults for a Langevin run (dt, kT, friction) and its known minima with their',
    'energies and sources. An AB chain of your own is --sequence AB... in the commands that take --system.',
  ],
  options: {},
  run: () => ({
    version: VERSION,
    systems: SYSTEMS.map((s): SystemEntry => {
      const map = positionsOf(s)
      return {
        id: s.id,
        title: s.title,
        dim: s.dim,
        units: s.units,
        note: s.note,
        atoms: s.atoms && { count: s.atoms.count, perAtom: s.atoms.perAtom },
        beads: map.atoms,
        sequence: map.sequence,
        defaults: { ...s.defaults },
        minima: s.minima.map((m) => ({ name: m.name, energy: m.energy, source: m.source })),
      }
    }),
  }),
  table(result) {
    const { systems } = result as { systems: SystemEntry[] }
    return renderTable(
      ['id', 'title', 'd', 'atoms', 'dt', 'kT', 'friction', 'known minima'],
      systems.map((s) => [
        s.id,
        s.title,
        String(s.dim),
        s.atoms ? `${s.atoms.count} in ${s.atoms.perAtom}D` : `${s.beads} beads`,
        formatNumber(s.defaults.dt),
        formatNumber(s.defaults.kT),
        formatNumber(s.defaults.friction),
        s.minima.map((m) => `${m.name} ${formatNumber(m.energy, 8)}`).join('; ') || '-',
      ]),
    )
  },
}

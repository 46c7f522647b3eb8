import type { AbChainSystem } from './ab-2d'
import { moleculeKind, resolveSystem } from './cvs'
import type { SystemDescriptor } from './descriptor'
import { alignRotation, centre } from './identity'

/**
 * XYZ files of frames, trajectories and catalogues of minima. A frame is
 *
 *   line 1   the number of atoms
 *   line 2   a comment: here extended-XYZ key=value pairs,
 *            Properties=species:S:1:pos:R:3 energy=-12.534867 system=lj7-2d
 *   then     one line "Symbol x y z" per atom (z = 0 for a system in a plane),
 *
 * and frames follow each other with nothing between them, as OVITO, ASE (ase.io.extxyz), VMD
 * and Jmol read them. Values are written so that they read back exactly: coordinates with 12
 * decimals, other numbers in the shortest form that round-trips.
 *
 * Symbols. Lennard-Jones atoms are argon ('Ar'), the classic LJ substance. Chain beads get real
 * element symbols, because ASE accepts nothing else and VMD and OVITO colour and size atoms by
 * element: hydrophobic beads 'C', hydrophilic beads 'O', neutral beads 'N'. So the AB model's
 * A -> C, B -> O, and BLN's B -> C, L -> O, N -> N; the bead letters themselves go into the
 * frame's `sequence` property.
 */

/** A frame as `parseXyz` returns it. */
export interface XyzFrame {
  readonly symbols: string[]
  /** Three numbers per atom: x, y, z. */
  readonly positions: Float64Array
  /** Line 2 as it stands. */
  readonly comment: string
  /** The key=value pairs of line 2: numbers, booleans (T/F) and strings; {} for a plain comment. */
  readonly properties: Record<string, string | number | boolean>
}

/** What `writeXyz` writes: symbols, three coordinates per atom, and properties for line 2. */
export interface XyzFrameInput {
  readonly symbols: readonly string[]
  readonly positions: ArrayLike<number>
  readonly properties?: Readonly<Record<string, string | number | boolean>>
}

/** An XYZ text that cannot be read; `line` is 1-based. */
export class XyzParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`)
    this.name = 'XyzParseError'
  }
}

/** The column layout this module writes and reads first on every atom line. */
export const XYZ_PROPERTIES = 'species:S:1:pos:R:3'

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/
const BARE = /^[A-Za-z0-9_.:+/-]+$/
const NUMBER = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/

function formatValue(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'T' : 'F'
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new RangeError(`xyz: the property value ${v} is not a finite number`)
    return String(v)
  }
  // A string that would read back as a number or a boolean is quoted, and so is any other text.
  if (BARE.test(v) && !NUMBER.test(v) && !/^(T|F|True|False|true|false)$/.test(v)) return v
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

function formatCoordinate(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`xyz: the coordinate ${x} is not a finite number`)
  return x.toFixed(12).padStart(20)
}

/** One frame as text, ending with a newline. */
export function formatXyzFrame(frame: XyzFrameInput): string {
  const n = frame.symbols.length
  if (frame.positions.length !== 3 * n)
    throw new RangeError(`xyz: ${n} symbols need ${3 * n} coordinates, not ${frame.positions.length}`)
  let comment = `Properties=${XYZ_PROPERTIES}`
  for (const [key, value] of Object.entries(frame.properties ?? {})) {
    if (key === 'Properties') continue
    if (!KEY.test(key)) throw new RangeError(`xyz: '${key}' cannot be a property name`)
    comment += ` ${key}=${formatValue(value)}`
  }
  const lines = [String(n), comment]
  for (let i = 0; i < n; i++) {
    const s = frame.symbols[i]!
    if (!/^\S+$/.test(s)) throw new RangeError(`xyz: the symbol of atom ${i + 1} ('${s}') must be one word`)
    const p = frame.positions
    const [x, y, z] = [p[3 * i]!, p[3 * i + 1]!, p[3 * i + 2]!].map(formatCoordinate)
    lines.push(`${s.padEnd(2)} ${x} ${y} ${z}`)
  }
  return lines.join('\n') + '\n'
}

/** Frames back to back. */
export function writeXyz(frames: readonly XyzFrameInput[]): string {
  return frames.map(formatXyzFrame).join('')
}

/** Reads the key=value pairs of an extended-XYZ comment line; words without '=' are skipped. */
export function parseXyzProperties(comment: string, line = 2): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {}
  let i = 0
  const n = comment.length
  const space = (c: string | undefined): boolean => c === ' ' || c === '\t'
  while (i < n) {
    while (i < n && space(comment[i])) i++
    if (i >= n) break
    const start = i
    while (i < n && !space(comment[i]) && comment[i] !== '=') i++
    const key = comment.slice(start, i)
    if (comment[i] !== '=') continue
    i++
    let value: string | number | boolean
    if (comment[i] === '"') {
      i++
      let text = ''
      for (;;) {
        if (i >= n) throw new XyzParseError(`the quoted value of '${key}' has no closing quote`, line)
        const c = comment[i]!
        if (c === '\\' && i + 1 < n) {
          text += comment[i + 1]!
          i += 2
        } else if (c === '"') {
          i++
          break
        } else {
          text += c
          i++
        }
      }
      value = text
    } else {
      const vs = i
      while (i < n && !space(comment[i])) i++
      const raw = comment.slice(vs, i)
      if (NUMBER.test(raw)) value = Number(raw)
      else if (/^(T|True|true)$/.test(raw)) value = true
      else if (/^(F|False|false)$/.test(raw)) value = false
      else value = raw
    }
    if (key !== '') out[key] = value
  }
  return out
}

/**
 * Reads XYZ or extended XYZ text: every frame's symbols, positions (the first four columns:
 * symbol, x, y, z; further columns are ignored), comment and properties. Blank lines after the
 * last frame are allowed. Throws XyzParseError naming the line of the first problem: a count
 * that is not a whole number, a frame cut short, an atom line without four fields, a coordinate
 * that is not a number, or a Properties layout that does not start with species and pos.
 */
export function parseXyz(text: string): XyzFrame[] {
  const lines = text.split(/\r?\n/)
  let last = lines.length
  while (last > 0 && lines[last - 1]!.trim() === '') last--
  const frames: XyzFrame[] = []
  let k = 0
  while (k < last) {
    const countLine = lines[k]!.trim()
    if (!/^\d+$/.test(countLine))
      throw new XyzParseError(
        countLine === ''
          ? `expected the number of atoms of frame ${frames.length + 1}, found an empty line`
          : `expected the number of atoms of frame ${frames.length + 1}, found '${countLine}'`,
        k + 1,
      )
    const count = Number(countLine)
    if (k + 1 >= last) throw new XyzParseError(`frame ${frames.length + 1} has no comment line (the text ends)`, k + 2)
    const comment = lines[k + 1]!
    const properties = parseXyzProperties(comment, k + 2)
    const layout = properties['Properties']
    if (layout !== undefined && !String(layout).startsWith(XYZ_PROPERTIES))
      throw new XyzParseError(`the columns must begin with ${XYZ_PROPERTIES}, not '${String(layout)}'`, k + 2)
    const symbols: string[] = []
    const positions = new Float64Array(3 * count)
    for (let a = 0; a < count; a++) {
      const ln = k + 2 + a
      if (ln >= last)
        throw new XyzParseError(
          `frame ${frames.length + 1} declares ${count} atoms but the text ends after ${a}`,
          ln + 1,
        )
      const fields = lines[ln]!.trim().split(/\s+/)
      if (fields.length < 4 || fields[0] === '')
        throw new XyzParseError(
          `expected 'symbol x y z' for atom ${a + 1} of frame ${frames.length + 1}, found ` +
            `${fields[0] === '' ? 'an empty line' : `${fields.length} field${fields.length === 1 ? '' : 's'}`}`,
          ln + 1,
        )
      symbols.push(fields[0]!)
      for (let c = 0; c < 3; c++) {
        const f = fields[c + 1]!
        const v = NUMBER.test(f) ? Number(f) : NaN
        if (!Number.isFinite(v))
          throw new XyzParseError(`the ${'xyz'[c]!} coordinate '${f}' of atom ${a + 1} is not a number`, ln + 1)
        positions[3 * a + c] = v
      }
    }
    frames.push({ symbols, positions, comment, properties })
    k += 2 + count
  }
  return frames
}

// ---------------------------------------------------------------------------------------
// From states to atoms

/** How a system's state maps to atoms: their symbols and positions. */
export interface AtomMap {
  readonly atoms: number
  readonly symbols: readonly string[]
  /** The bead letters of a chain ('ABBA...', 'BBBNNN...'), or null for a cluster. */
  readonly sequence: string | null
  /** Writes the positions of state q into out, 3 per atom (z = 0 in a plane). */
  positions(q: Float64Array, out: Float64Array): void
}

const AB_SYMBOL: Readonly<Record<string, string>> = { A: 'C', B: 'O' }
const BLN_SYMBOL: Readonly<Record<string, string>> = { B: 'C', L: 'O', N: 'N' }

/**
 * The atoms of a system's states, by id or descriptor: a Lennard-Jones cluster's state is its
 * positions, a BLN chain's too; an AB chain's turning angles give its bead positions through the
 * model's own placement (bead 0 at the origin, bond 0 along x).
 */
export function positionsOf(system: string | SystemDescriptor): AtomMap {
  const descriptor = resolveSystem(system)
  const kind = moleculeKind(descriptor)
  if (kind.kind === 'lj') {
    const { atoms: n, perAtom: s } = kind
    return {
      atoms: n,
      symbols: Array.from({ length: n }, () => 'Ar'),
      sequence: null,
      positions(q, out) {
        for (let i = 0; i < n; i++) {
          out[3 * i] = q[s * i]!
          out[3 * i + 1] = q[s * i + 1]!
          out[3 * i + 2] = s === 3 ? q[s * i + 2]! : 0
        }
      },
    }
  }
  const seq = kind.sequence
  const n = seq.length
  if (kind.kind === 'bln')
    return {
      atoms: n,
      symbols: [...seq].map((c) => BLN_SYMBOL[c] ?? 'X'),
      sequence: seq,
      positions(q, out) {
        for (let k = 0; k < 3 * n; k++) out[k] = q[k]!
      },
    }
  const chain = descriptor.system() as AbChainSystem
  const xy = new Float64Array(2 * n)
  return {
    atoms: n,
    symbols: [...seq].map((c) => AB_SYMBOL[c] ?? 'X'),
    sequence: seq,
    positions(q, out) {
      chain.positions(q, xy)
      for (let i = 0; i < n; i++) {
        out[3 * i] = xy[2 * i]!
        out[3 * i + 1] = xy[2 * i + 1]!
        out[3 * i + 2] = 0
      }
    },
  }
}

/** The frame of one state, with the system's id (and sequence) among its properties. */
export function stateFrame(
  system: string | SystemDescriptor,
  q: Float64Array,
  properties: Readonly<Record<string, string | number | boolean>> = {},
  map: AtomMap = positionsOf(system),
): XyzFrameInput {
  const positions = new Float64Array(3 * map.atoms)
  map.positions(q, positions)
  const id = typeof system === 'string' ? system : system.id
  const props: Record<string, string | number | boolean> = { ...properties, system: id }
  if (map.sequence !== null) props['sequence'] = map.sequence
  return { symbols: [...map.symbols], positions, properties: props }
}

/**
 * A trajectory: one frame per state, in order, each with its index as `frame` and, when
 * `energies` is given, its `energy`. With `align`, every frame is centred and rotated onto the
 * first (Kabsch's superposition, alignRotation: in the plane for planar systems), so that a
 * viewer shows the molecule's changes of shape, not its tumbling and drift; the dynamics is not
 * changed, only what is written.
 */
export function trajectoryXyz(
  system: string | SystemDescriptor,
  states: readonly Float64Array[],
  energies?: ArrayLike<number>,
  options: { readonly align?: boolean } = {},
): string {
  if (energies !== undefined && energies.length !== states.length)
    throw new RangeError(`xyz: ${states.length} states but ${energies.length} energies`)
  const map = positionsOf(system)
  const frames = states.map((q, t) =>
    stateFrame(system, q, energies === undefined ? { frame: t } : { frame: t, energy: energies[t]! }, map),
  )
  // stateFrame writes each frame's positions into a Float64Array of its own.
  if (options.align && frames.length > 0) alignFrames(frames.map((f) => f.positions as Float64Array))
  return frames.map((f) => formatXyzFrame(f)).join('')
}

/** Centres every structure (x, y, z per atom) and rotates each onto the first, in place. */
function alignFrames(structures: readonly Float64Array[]): void {
  const n = structures[0]!.length / 3
  let planar = true
  for (const p of structures) for (let i = 0; i < n && planar; i++) planar = p[3 * i + 2] === 0
  if (!planar) {
    for (const p of structures) centre(p, n, 3)
    for (let k = 1; k < structures.length; k++) alignRotation(structures[k]!, structures[0]!, n, 3)
    return
  }
  const flat = structures.map((p) => Float64Array.from({ length: 2 * n }, (_, j) => p[3 * (j >> 1) + (j & 1)]!))
  for (const p of flat) centre(p, n, 2)
  for (let k = 1; k < flat.length; k++) alignRotation(flat[k]!, flat[0]!, n, 2)
  flat.forEach((p, k) => {
    const out = structures[k]!
    for (let i = 0; i < n; i++) {
      out[3 * i] = p[2 * i]!
      out[3 * i + 1] = p[2 * i + 1]!
    }
  })
}

/** A minimum as a catalogue keeps it (catalogue.ts's CatalogueEntry fits). */
export interface MinimumRecord {
  readonly q: Float64Array
  readonly energy: number
  readonly name?: string
  readonly id?: number
  readonly hits?: number
}

/** A catalogue of minima, one frame each in the order given, with energy, and name, id and hits where known. */
export function minimaXyz(system: string | SystemDescriptor, minima: readonly MinimumRecord[]): string {
  const map = positionsOf(system)
  return minima
    .map((m, k) => {
      const props: Record<string, string | number | boolean> = { energy: m.energy, minimum: k + 1 }
      if (m.name !== undefined) props['name'] = m.name
      if (m.id !== undefined) props['id'] = m.id
      if (m.hits !== undefined) props['hits'] = m.hits
      return formatXyzFrame(stateFrame(system, m.q, props, map))
    })
    .join('')
}

import { describe, expect, it } from 'vitest'
import { RandomStream } from '../random'
import { AB13_GROUND_STATE_ANGLES, abChainSystem } from './ab-2d'
import { systemById } from './index'
import { truncatedOctahedron38 } from './lj38'
import { fire } from './minimise'
import {
  formatXyzFrame,
  minimaXyz,
  parseXyz,
  parseXyzProperties,
  positionsOf,
  stateFrame,
  trajectoryXyz,
  writeXyz,
  XyzParseError,
} from './xyz'

/** The line number an XyzParseError names, or the error's message if it is another error. */
function lineOf(text: string): number | string {
  try {
    parseXyz(text)
  } catch (e) {
    if (e instanceof XyzParseError) {
      expect(e.message).toMatch(new RegExp(`^line ${e.line}: `))
      return e.line
    }
    return String(e)
  }
  return 'no error'
}

/** Coordinates are written with 12 decimals: each reads back within 5e-13 of the value written. */
const ROUND_TRIP = 1e-10

describe('XYZ files', () => {
  it('writes the count, an extended-XYZ comment and one line per atom, z = 0 in a plane', () => {
    const lj7 = systemById('lj7-2d')!
    const q = lj7.minima[0]!.start!()
    fire(lj7.system(), q)
    const text = formatXyzFrame(stateFrame(lj7, q, { energy: -12.534867 }))
    const lines = text.split('\n')
    expect(lines[0]).toBe('7')
    expect(lines[1]).toBe('Properties=species:S:1:pos:R:3 energy=-12.534867 system=lj7-2d')
    expect(lines).toHaveLength(7 + 2 + 1) // the text ends with a newline
    for (const l of lines.slice(2, 9)) {
      const f = l.trim().split(/\s+/)
      expect(f[0]).toBe('Ar')
      expect(f[3]).toBe('0.000000000000')
    }
  })

  it('reads back positions to 1e-10 and the energy exactly, for every kind of system', () => {
    const r = new RandomStream(7)
    const cases: [string, Float64Array][] = [
      ['lj7-2d', systemById('lj7-2d')!.minima[3]!.start!()],
      ['lj38', truncatedOctahedron38()],
      ['ab-2d-13', Float64Array.from(AB13_GROUND_STATE_ANGLES)],
      ['bln-46', Float64Array.from({ length: 138 }, () => 10 * r.normal())],
    ]
    for (const [id, q] of cases) {
      const d = systemById(id)!
      const energy = d.system().energy(q)
      const map = positionsOf(id)
      const want = new Float64Array(3 * map.atoms)
      map.positions(q, want)
      const frames = parseXyz(writeXyz([stateFrame(id, q, { energy })]))
      expect(frames).toHaveLength(1)
      const f = frames[0]!
      expect(f.symbols).toEqual(map.symbols)
      expect(f.properties['energy']).toBe(energy)
      expect(f.properties['system']).toBe(id)
      for (let k = 0; k < want.length; k++) expect(Math.abs(f.positions[k]! - want[k]!)).toBeLessThan(ROUND_TRIP)
    }
  })

  it('places AB beads from the turning angles and names beads by element', () => {
    const q = Float64Array.from(AB13_GROUND_STATE_ANGLES)
    const map = positionsOf('ab-2d-13')
    expect(map.atoms).toBe(13)
    expect(map.sequence).toBe('ABBABBABABBAB')
    expect(map.symbols.join('')).toBe('COOCOOCOCOOCO')
    const out = new Float64Array(39)
    map.positions(q, out)
    const xy = new Float64Array(26)
    abChainSystem('ABBABBABABBAB').positions(q, xy)
    for (let i = 0; i < 13; i++) {
      expect(out[3 * i]).toBe(xy[2 * i])
      expect(out[3 * i + 1]).toBe(xy[2 * i + 1])
      expect(out[3 * i + 2]).toBe(0)
      // unit bonds
      if (i > 0) expect(Math.hypot(out[3 * i]! - out[3 * i - 3]!, out[3 * i + 1]! - out[3 * i - 2]!)).toBeCloseTo(1, 12)
    }
    const bln = positionsOf('bln-46')
    expect(bln.symbols.slice(8, 14).join(' ')).toBe('C N N N O C')
    expect(positionsOf('ab-2d-abba').symbols).toEqual(['C', 'O', 'O', 'C'])
    expect(() => positionsOf('nothing')).toThrow(/unknown system/)
  })

  it('writes trajectories and catalogues of minima frame after frame', () => {
    const lj7 = systemById('lj7-2d')!
    const sys = lj7.system()
    const minima = lj7.minima.map((m, k) => {
      const q = m.start!()
      const e = fire(sys, q).energy
      return { q, energy: e, name: m.name, id: k, hits: 10 - k }
    })
    const frames = parseXyz(minimaXyz(lj7, minima))
    expect(frames.map((f) => f.properties['name'])).toEqual(['hexagon', 'capped A', 'capped B', 'trapezoid'])
    expect(frames.map((f) => f.properties['minimum'])).toEqual([1, 2, 3, 4])
    expect(frames.map((f) => f.properties['hits'])).toEqual([10, 9, 8, 7])
    for (const [k, f] of frames.entries()) expect(f.properties['energy']).toBe(minima[k]!.energy)
    expect(frames[1]!.comment).toMatch(/ name="capped A" /)

    const states = minima.map((m) => m.q)
    const traj = parseXyz(trajectoryXyz('lj7-2d', states, [1, 2, 3, 4]))
    expect(traj.map((f) => [f.properties['frame'], f.properties['energy']])).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
    ])
    expect(parseXyz(trajectoryXyz('lj7-2d', states))[2]!.properties['energy']).toBeUndefined()
    expect(() => trajectoryXyz('lj7-2d', states, [1])).toThrow(/4 states but 1 energies/)
  })

  it('aligns a trajectory for analysis: a turned and shifted copy lands on the first frame', () => {
    const lj13 = systemById('lj13')!
    const a = lj13.minima[0]!.start!()
    // Rotated 0.7 rad about z, then 0.3 about x, and shifted.
    const b = new Float64Array(39)
    for (let i = 0; i < 13; i++) {
      const [x, y, z] = [a[3 * i]!, a[3 * i + 1]!, a[3 * i + 2]!]
      const x1 = Math.cos(0.7) * x - Math.sin(0.7) * y
      const y1 = Math.sin(0.7) * x + Math.cos(0.7) * y
      b[3 * i] = x1 + 2
      b[3 * i + 1] = Math.cos(0.3) * y1 - Math.sin(0.3) * z - 1
      b[3 * i + 2] = Math.sin(0.3) * y1 + Math.cos(0.3) * z + 0.5
    }
    const [f0, f1] = parseXyz(trajectoryXyz(lj13, [a, b], undefined, { align: true }))
    for (let k = 0; k < 39; k++) expect(f1!.positions[k]!).toBeCloseTo(f0!.positions[k]!, 8)
    const [g0, g1] = parseXyz(trajectoryXyz(lj13, [a, b]))
    expect(Math.abs(g1!.positions[0]! - g0!.positions[0]!)).toBeGreaterThan(0.1)
    // In the plane: LJ7-2D turned by 1 rad stays in the plane, on the first frame.
    const lj7 = systemById('lj7-2d')!
    const p = lj7.minima[0]!.start!()
    const r = Float64Array.from(p, (_, j) =>
      j % 2 === 0 ? Math.cos(1) * p[j]! - Math.sin(1) * p[j + 1]! + 3 : Math.sin(1) * p[j - 1]! + Math.cos(1) * p[j]!,
    )
    const [h0, h1] = parseXyz(trajectoryXyz(lj7, [p, r], undefined, { align: true }))
    for (let k = 0; k < 21; k++) expect(h1!.positions[k]!).toBeCloseTo(h0!.positions[k]!, 8)
  })

  it('reads property values: numbers, booleans, bare and quoted strings', () => {
    expect(
      parseXyzProperties('Properties=species:S:1:pos:R:3 e=-1.5e-3 ok=T no=F n=12 s=abc q="two words \\"x\\"" t="12"'),
    ).toEqual({
      Properties: 'species:S:1:pos:R:3',
      e: -0.0015,
      ok: true,
      no: false,
      n: 12,
      s: 'abc',
      q: 'two words "x"',
      t: '12',
    })
    // a plain comment has no properties
    expect(parseXyzProperties('LJ7 hexagon, relaxed')).toEqual({})
    // strings that would read as numbers or booleans are quoted on writing, and stay strings
    const text = formatXyzFrame({ symbols: ['Ar'], positions: [0, 0, 0], properties: { a: '1.5', b: 'T', c: 'x y' } })
    expect(parseXyz(text)[0]!.properties).toMatchObject({ a: '1.5', b: 'T', c: 'x y' })
    expect(() => formatXyzFrame({ symbols: ['Ar'], positions: [0, 0, 0], properties: { 'a b': 1 } })).toThrow(
      /property name/,
    )
    expect(() => formatXyzFrame({ symbols: ['Ar'], positions: [0, 0] })).toThrow(/3 coordinates/)
  })

  it('reads plain XYZ from other programs, with extra columns and CRLF line ends', () => {
    const text = '2\r\nwater-free argon\r\nAr 0 0 0 1 2 3\r\nAr 1.5 -2e-3 .25\r\n\r\n'
    const [f] = parseXyz(text)
    expect(f!.comment).toBe('water-free argon')
    expect(f!.properties).toEqual({})
    expect([...f!.positions]).toEqual([0, 0, 0, 1.5, -0.002, 0.25])
    expect(parseXyz('')).toEqual([])
  })

  it('names the line of malformed input: a bad count, a short frame, a bad number, a missing field', () => {
    const good = '2\nc\nAr 0 0 0\nAr 1 0 0\n'
    expect(lineOf(good)).toBe('no error')
    // a count that is not a whole number
    expect(lineOf('two\nc\nAr 0 0 0\n')).toBe(1)
    expect(lineOf(good + '2.5\nc\n')).toBe(5)
    // one atom too many: its line stands where the next count should be
    expect(lineOf('1\nc\nAr 0 0 0\nAr 1 0 0\n')).toBe(4)
    // one atom too few: the text ends where atom 2 should be
    expect(lineOf('2\nc\nAr 0 0 0\n')).toBe(4)
    expect(lineOf('2\n')).toBe(2)
    // a coordinate that is not a number, and a line without four fields
    expect(lineOf('2\nc\nAr 0 0 0\nAr 1 x 0\n')).toBe(4)
    expect(lineOf('2\nc\nAr 0 0 0\nAr 1 0\n')).toBe(4)
    expect(lineOf('2\nc\nAr 0 0 NaN\nAr 1 0 0\n')).toBe(3)
    // an empty line inside the file, and a broken comment of the second frame
    expect(lineOf('1\nc\nAr 0 0 0\n\n1\nc\nAr 0 0 0\n')).toBe(4)
    expect(lineOf(good + '1\nname="open\nAr 0 0 0\n')).toBe(6)
    expect(lineOf('1\nProperties=species:S:1:vel:R:3\nAr 0 0 0\n')).toBe(2)
    try {
      parseXyz('2\nc\nAr 0 0 0\nAr 1 x 0\n')
    } catch (e) {
      expect((e as Error).message).toBe("line 4: the y coordinate 'x' of atom 2 is not a number")
    }
  })
})

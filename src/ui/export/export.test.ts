import { describe, expect, it } from 'vitest'
import { methodById } from '../../core/dynamics/methods'
import { resolveSettings } from '../../core/dynamics/params'
import { defaultScenario } from '../../core/scenario/defaults'
import { resolveSurface } from '../../core/scenario/surface'
import { atlasSurface } from '../../core/surfaces'
import { VERSION } from '../../core/version'
import { Simulation } from '../../engine/simulation'
import { colourMap } from '../colour'
import { figureCaption, formatValue } from './caption'
import { dataJSON, histogramsCSV, positionsCSV, tracesCSV, trajectoriesCSV } from './data'
import { escapeXml, figureSVG } from './svg-figure'

function run(steps: number) {
  const scenario = defaultScenario()
  const r = resolveSurface(scenario.surface)
  if (!r.ok) throw new Error(r.message)
  const { program, parameters, domain } = r.surface
  const sim = new Simulation({ program, parameters: [...parameters], domain, seed: scenario.seed, lanes: scenario.lanes })
  sim.advance(steps)
  return { scenario, sim, frames: sim.frames(true), domain }
}

function caption(steps: number) {
  const scenario = defaultScenario()
  const entry = atlasSurface('muller-brown')!
  return figureCaption({
    surface: { title: entry.title, formula: entry.formula, reference: entry.reference, parameters: {}, domain: entry.domain, axes: entry.axes },
    lanes: scenario.lanes.map((lane) => {
      const method = methodById(lane.method)!
      const r = resolveSettings(method.params, lane.settings, method.id)
      if (!r.ok) throw new Error('settings')
      return { method, settings: r.settings, walkers: lane.walkers, start: lane.start }
    }),
    step: steps,
    seed: scenario.seed,
    version: VERSION,
  })
}

describe('captions', () => {
  it('say everything that made the figure, with exact values', () => {
    const text = caption(12_000)
    expect(text).toContain('Müller-Brown, U(x, y) = -200*exp(')
    expect(text).toContain('(Müller & Brown, Theor. Chim. Acta 53:75, 1979)')
    expect(text).toContain('A: Gradient descent (lr = 1e-4), 1 walker from (x, y) = (0, 0.5).')
    expect(text).toContain('B: Langevin (BAOAB) (kT = 20, dt = 0.002, γ = 5), 500 walkers from (x, y) = (0, 0.5).')
    expect(text).toContain(`After 12,000 steps; seed 1; landscape playground ${VERSION}.`)
  })

  it('write numbers so they read back exactly', () => {
    for (const v of [1e-4, 0.002, 20, 0.1 + 0.2, 123456789, 2.5e-7, -3]) expect(Number(formatValue(v).replace('e', 'e'))).toBe(v)
  })
})

describe('figures as vector SVG', () => {
  it('draw contours, walkers and trails as paths, with no raster image, and escape text', () => {
    const { frames, domain, sim } = run(200)
    const grid = { nx: 60, ny: 50, x: new Float64Array(60), y: new Float64Array(50), z: new Float64Array(3000) }
    for (let j = 0; j < 50; j++) {
      for (let i = 0; i < 60; i++) {
        grid.x[i] = domain.xmin + ((domain.xmax - domain.xmin) * i) / 59
        grid.y[j] = domain.ymin + ((domain.ymax - domain.ymin) * j) / 49
        grid.z[j * 60 + i] = sim.surface.value(grid.x[i], grid.y[j])
      }
    }
    const svg = figureSVG({
      grid,
      colour: colourMap('clip', Math.min(...grid.z), Math.max(...grid.z), 100),
      domain,
      axes: ['x', 'y'],
      lanes: frames.map((f) => ({ title: `${f.lane}: <${f.method}> & co`, colour: '#D55E00', positions: f.positions, trails: f.trails, trailWalkers: f.trailWalkers, trailLength: f.trailLength })),
      points: [{ x: -0.558, y: 1.442, kind: 'minimum' }],
      caption: caption(200),
    })
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).not.toMatch(/<image|data:image/)
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(40)
    expect(svg).toContain('&lt;gd&gt; &amp; co')
    expect(svg).not.toContain('<gd>')
    expect(svg.match(/<svg/g)).toHaveLength(1)
    expect(svg.trim().endsWith('</svg>')).toBe(true)
  })

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('data exports', () => {
  it('carry a header that records the state, and one row per point', () => {
    const { frames, domain } = run(300)
    const header = { version: VERSION, link: 'https://example.org/?v=1&surface=muller-brown', caption: caption(300), step: 300 }
    const positions = positionsCSV(header, frames)
    const lines = positions.trim().split('\n')
    expect(lines.slice(0, 4).every((l) => l.startsWith('#'))).toBe(true)
    expect(lines[2]).toBe('# link https://example.org/?v=1&surface=muller-brown')
    expect(lines[4]).toBe('lane,walker,x,y,U,status')
    expect(lines).toHaveLength(5 + 1 + 500)
    const histogram = histogramsCSV(header, frames, domain).trim().split('\n')
    expect(histogram).toHaveLength(5 + 40 * 40)
    expect(trajectoriesCSV(header, frames).split('\n').length).toBeGreaterThan(300)
    expect(tracesCSV(header, frames).split('\n')[4]).toBe('lane,step,energy,gradNorm,potential,kinetic,total,temperature')
    const doc = JSON.parse(dataJSON(header, frames))
    expect(doc.lanes[1].positions).toHaveLength(500)
    expect(doc.link).toBe(header.link)
  })
})

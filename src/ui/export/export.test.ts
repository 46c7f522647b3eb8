import { applyPalette, GIFEncoder, quantize } from 'gifenc'
import { describe, expect, it } from 'vitest'
import { defaultScenario } from '../../core/scenario/defaults'
import { resolveSurface } from '../../core/scenario/surface'
import type { Scenario } from '../../core/scenario/types'
import { atlasSurface } from '../../core/surfaces'
import { VERSION } from '../../core/version'
import { Simulation } from '../../core/run/simulation'
import { colourMap } from '../colour'
import { frameCount, frameSteps, planProblems } from './animation-plan'
import { figureCaption, formatValue } from './caption'
import { basinsCSV, dataJSON, histogramsCSV, positionsCSV, tracesCSV, trajectoriesCSV } from './data'
import { exportFileName } from './file-name'
import { figureInput } from './figure-input'
import { gifStructure } from './gif-frames'
import { captionInput } from './state-caption'
import { escapeXml, figureSVG, type FigureGrid } from './svg-figure'

function run(steps: number, scenario: Scenario = defaultScenario()) {
  const r = resolveSurface(scenario.surface)
  if (!r.ok) throw new Error(r.message)
  const { program, parameters, domain } = r.surface
  const sim = new Simulation({
    program,
    parameters: [...parameters],
    domain,
    seed: scenario.seed,
    lanes: scenario.lanes,
  })
  sim.advance(steps)
  return { scenario, sim, frames: sim.frames(true), domain }
}

const mullerBrown = atlasSurface('muller-brown')!

function caption(steps: number, scenario: Scenario = defaultScenario()) {
  return figureCaption(
    captionInput(scenario, { domain: mullerBrown.domain, axes: mullerBrown.axes, entry: mullerBrown }, steps, VERSION),
  )
}

function grid(sim: Simulation, domain: { xmin: number; xmax: number; ymin: number; ymax: number }): FigureGrid {
  const g = { nx: 60, ny: 50, x: new Float64Array(60), y: new Float64Array(50), z: new Float64Array(3000) }
  for (let j = 0; j < 50; j++) {
    for (let i = 0; i < 60; i++) {
      g.x[i] = domain.xmin + ((domain.xmax - domain.xmin) * i) / 59
      g.y[j] = domain.ymin + ((domain.ymax - domain.ymin) * j) / 49
      g.z[j * 60 + i] = sim.surface.value(g.x[i], g.y[j])
    }
  }
  return g
}

describe('captions', () => {
  it('say everything that made the figure, with exact values', () => {
    const text = caption(12_000)
    expect(text).toContain('Müller-Brown, U(x, y) = -200*exp(')
    expect(text).toContain('(Müller & Brown, Theor. Chim. Acta 53:75, 1979)')
    expect(text).toContain('A: Gradient descent (lr = 1e-4), 1 walker from (x, y) = (-0.2, 1).')
    expect(text).toContain('B: Langevin (BAOAB) (kT = 20, dt = 0.002, γ = 5), 500 walkers from (x, y) = (-0.2, 1).')
    expect(text).toContain(`After 12,000 steps; seed 1; landscape playground ${VERSION}.`)
  })

  it(
    'are read from the scenario that ran: a setting left out is named with the default it ran with, ' +
      'a changed one with its value',
    () => {
      const scenario = defaultScenario()
      scenario.seed = 7
      scenario.lanes[0] = { ...scenario.lanes[0], method: 'momentum', settings: { lr: 2e-4, momentum: 0.5 } }
      scenario.lanes[1] = {
        ...scenario.lanes[1],
        settings: { kT: 35, dt: 1e-3, gamma: 5 },
        walkers: 40,
        start: { kind: 'gaussian', x: -0.5, y: 1.5, sigma: 0.1 },
      }
      const text = caption(300, scenario)
      expect(text).toContain('A: Heavy-ball momentum (lr = 2e-4, momentum = 0.5), 1 walker from (x, y) = (-0.2, 1).')
      expect(text).toContain(
        'B: Langevin (BAOAB) (kT = 35, dt = 0.001, γ = 5), 40 walkers scattered around (-0.5, 1.5) with σ = 0.1.',
      )
      expect(text).toContain('After 300 steps; seed 7;')
    },
  )

  it('write numbers so they read back exactly', () => {
    for (const v of [1e-4, 0.002, 20, 0.1 + 0.2, 123456789, 2.5e-7, -3]) expect(Number(formatValue(v))).toBe(v)
  })
})

describe('figures as vector SVG', () => {
  const { frames, domain, sim } = run(200)
  const lanes = frames.map((f) => ({
    label: `${f.lane}: <${f.method}> & co`,
    colour: '#D55E00',
    positions: f.positions,
    trails: f.trails,
    trailWalkers: f.trailWalkers,
    trailLength: f.trailLength,
  }))
  const input = (panels: (typeof lanes)[]) => ({
    grid: grid(sim, domain),
    colour: colourMap('clip', -150, 100, 100),
    domain,
    axes: ['x', 'y'] as [string, string],
    panels,
    points: [{ x: -0.558, y: 1.442, kind: 'minimum' as const, value: -146.7, label: 'MA \u2212146.70' }],
    caption: caption(200),
  })

  it('draw contours, walkers and trails as paths, with no raster image, and escape text', () => {
    const svg = figureSVG(input(lanes.map((lane) => [lane])))
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).not.toMatch(/<image|data:image/)
    expect((svg.match(/<path /g) ?? []).length).toBeGreaterThan(40)
    expect(svg).toContain('&lt;gd&gt; &amp; co')
    expect(svg).not.toContain('<gd>')
    expect(svg.match(/<svg/g)).toHaveLength(1)
    expect(svg.trim().endsWith('</svg>')).toBe(true)
    // One clipped map per lane, one colour bar, the caption underneath.
    expect(svg.match(/<clipPath/g)).toHaveLength(2)
    expect(svg).toContain(`landscape playground ${VERSION}.`)
  })

  it('label the critical points over the walkers, with a halo, as the page places them', () => {
    const svg = figureSVG(input([lanes]))
    const labels = svg.indexOf("class='point-labels'")
    expect(svg.slice(labels)).toContain('>MA \u2212146.70</text>')
    expect(svg.slice(labels)).toMatch(/paint-order='stroke'/)
    // After every walker, so drawn over them.
    expect(labels).toBeGreaterThan(svg.lastIndexOf("stroke-width='0.4'"))
  })

  it('are whole pixels wide and high, so a PNG at scale s is exactly s times the size', () => {
    for (const panels of [lanes.map((lane) => [lane]), [lanes]]) {
      const svg = figureSVG(input(panels))
      const [, w, h] = /width='([\d.]+)' height='([\d.]+)'/.exec(svg)!
      expect(Number.isInteger(Number(w)) && Number.isInteger(Number(h))).toBe(true)
    }
  })

  it('draw every lane on one map for the 2D view, each walker a circle in its lane colour', () => {
    const svg = figureSVG(input([lanes]))
    expect(svg.match(/<clipPath/g)).toHaveLength(1)
    const walkers = [...svg.matchAll(/<path d='([^']*)' fill='#D55E00' stroke='#000000' stroke-width='0.4'\/>/g)]
    expect(walkers).toHaveLength(2)
    // 1 + 500 walkers, each drawn as two arcs.
    expect(walkers.reduce((n, m) => n + (m[1].match(/a/g) ?? []).length, 0)).toBe(2 * 501)
  })

  it(
    'take the lanes in the colours the page draws them, ' + 'a map a lane for the figure and one map for the 2D view',
    () => {
      const view = {
        axes: ['x', 'y'] as [string, string],
        domain,
        colourScale: 'clip' as const,
        clipAt: 100,
        contour: { ...grid(sim, domain), min: -146.7, max: 1000 },
        mesh: { ...grid(sim, domain), min: -140, max: 900 },
        points: [],
      }
      const source = {
        view,
        frames,
        methods: ['Gradient descent', 'Langevin (BAOAB)'],
        colours: ['#0072B2', '#009E73'],
        caption: 'c',
      }
      const figure = figureInput(source, 'figure')
      expect(figure.panels.map((p) => p.map((lane) => [lane.label, lane.colour]))).toEqual([
        [['A: Gradient descent', '#0072B2']],
        [['B: Langevin (BAOAB)', '#009E73']],
      ])
      expect(figureInput(source, 'map').panels).toHaveLength(1)
      // Coloured as the page colours it: cut at 100, over the range of both of its grids.
      expect([figure.colour.min, figure.colour.max, figure.colour.title]).toEqual([-146.7, 100, 'U (cut at 100)'])
    },
  )

  it(
    'draw the overlays shown on the map as translucent regions over the cells the page paints, ' + 'with their legends',
    () => {
      // Two categories split down the middle of a 4 x 3 grid of nodes at x = 0, 1, 2, 3 and y = 0, 1, 2:
      // code 0 at x <= 1, code 1 at x >= 2; the page paints cells from x = -0.5 to 3.5, y = -0.5 to 2.5.
      const codes = new Int32Array(12).map((_, k) => (k % 4 < 2 ? 0 : 1))
      const split = {
        nx: 4,
        ny: 3,
        xs: [0, 1, 2, 3],
        ys: [0, 1, 2],
        codes,
        colours: [
          [51, 34, 136, 107],
          [136, 204, 238, 107],
        ] as const,
      }
      const outcome = {
        nx: 4,
        ny: 3,
        xs: [0, 1, 2, 3],
        ys: [0, 1, 2],
        codes: new Int32Array(12),
        colours: [[68, 187, 153, 184]] as const,
      }
      const square = { xmin: -0.5, xmax: 3.5, ymin: -0.5, ymax: 2.5 }
      const view = {
        axes: ['x', 'y'] as [string, string],
        domain: square,
        colourScale: 'linear' as const,
        clipAt: 100,
        contour: { ...grid(sim, square), min: 0, max: 1 },
        mesh: { ...grid(sim, square), min: 0, max: 1 },
        points: [],
      }
      const overlays = [
        {
          grid: split,
          legend: [
            { colour: '#332288', label: 'basin of MA' },
            { colour: '#88CCEE', label: 'basin of MB' },
          ],
          lane: null,
        },
        { grid: outcome, legend: [{ colour: '#44BB99', label: 'global minimum' }], lane: 0 },
      ]
      const source = {
        view,
        frames,
        methods: ['Gradient descent', 'Langevin (BAOAB)'],
        colours: ['#0072B2', '#009E73'],
        caption: 'c',
        overlays,
      }
      const figure = figureInput(source, 'figure')
      // The basins under both maps; lane A's basins of attraction under lane A's map only.
      expect(figure.overlays!.map((panel) => panel.length)).toEqual([2, 1])
      expect(figureInput(source, 'map').overlays!.map((panel) => panel.length)).toEqual([2])
      expect(figure.legend!.map((group) => group.title)).toEqual([
        null,
        'Lane A, Gradient descent, started at each point ends at:',
      ])

      const svg = figureSVG(figure, 300)
      expect(svg).not.toMatch(/<image|data:image/)
      const regions = [...svg.matchAll(/<path d='([^']*)' fill='rgb\((\d+),(\d+),(\d+)\)' fill-opacity='([\d.]+)'\/>/g)]
      // Map 1: two basins and the outcome; map 2: two basins.
      expect(regions.map((m) => `${m[2]},${m[3]},${m[4]}`)).toEqual([
        '51,34,136',
        '136,204,238',
        '68,187,153',
        '51,34,136',
        '136,204,238',
      ])
      expect(Number(regions[0][5])).toBeCloseTo(107 / 255, 3)
      // In map 1 (left edge 48, 300 wide for 4 units: 75 px a unit), basin 0 runs from the outer edge x = -0.5
      // to halfway between nodes 1 and 2, x = 1.5; basin 1 from there to x = 3.5.
      const xsOf = (d: string) => [...d.matchAll(/[ML]([\d.-]+),/g)].map((m) => Number(m[1]))
      expect([Math.min(...xsOf(regions[0][1])), Math.max(...xsOf(regions[0][1]))]).toEqual([48, 48 + 2 * 75])
      expect([Math.min(...xsOf(regions[1][1])), Math.max(...xsOf(regions[1][1]))]).toEqual([48 + 2 * 75, 48 + 4 * 75])
      for (const text of [
        'basin of MA',
        'basin of MB',
        'global minimum',
        'Lane A, Gradient descent, started at each point ends at:',
      ])
        expect(svg).toContain(`>${text}</text>`)
      // The legend pushes the caption down, and the sheet stays whole pixels.
      const [, h] = /height='([\d.]+)'/.exec(svg)!
      const [, plain] = /height='([\d.]+)'/.exec(figureSVG({ ...figure, legend: [] }, 300))!
      expect(Number(h)).toBeGreaterThan(Number(plain))
      expect(Number.isInteger(Number(h))).toBe(true)
    },
  )

  it('escapes every XML special character', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;')
  })
})

describe('data exports', () => {
  it('carry a header that records the state, and one row per point', () => {
    const { sim, frames, domain } = run(300)
    const header = {
      version: VERSION,
      link: 'https://example.org/?v=1&surface=muller-brown',
      caption: caption(300),
      step: 300,
    }
    const positions = positionsCSV(header, frames)
    const lines = positions.trim().split('\n')
    expect(lines.slice(0, 4).every((l) => l.startsWith('#'))).toBe(true)
    expect(lines[2]).toBe('# link https://example.org/?v=1&surface=muller-brown')
    expect(lines[4]).toBe('lane,walker,x,y,U,status')
    expect(lines).toHaveLength(5 + 1 + 500)
    const histogram = histogramsCSV(header, frames, domain).trim().split('\n')
    expect(histogram).toHaveLength(5 + 40 * 40)
    // The sampler's basins by their minima's names, one row each, populations summing to 1 (the ground that flows
    // nowhere aside); the lane of gradient descent has no comparison and no rows.
    const basins = basinsCSV(header, frames, sim.landscape).trim().split('\n')
    expect(basins[4]).toBe(
      'lane,basin,minimum_x,minimum_y,minimum_U,sampled,sampled_error,exact,free_energy,free_energy_error,' +
        'exact_free_energy',
    )
    const rows = basins.slice(5).map((r) => r.split(','))
    expect(rows.map((r) => r.slice(0, 2).join(','))).toEqual(['B,M1', 'B,M2', 'B,M3'])
    expect(Number(rows[0]![4])).toBeCloseTo(-146.7, 1)
    expect(rows.reduce((sum, r) => sum + Number(r[7]), 0)).toBeCloseTo(1, 6)
    // Gradient descent's whole path: one row per step from its start, 0 to 300; the cloud keeps no trails.
    const trajectories = trajectoriesCSV(header, frames).trim().split('\n')
    expect(trajectories[0]).toContain('A: its whole path, every step from 0')
    expect(trajectories[4]).toBe('lane,walker,step,x,y')
    expect(trajectories.slice(5).map((r) => Number(r.split(',')[2]))).toEqual(Array.from({ length: 301 }, (_, t) => t))
    expect(trajectories[5]).toBe('A,0,0,-0.20000000298023224,1')
    expect(tracesCSV(header, frames).split('\n')[4]).toBe(
      'lane,step,energy,gradNorm,potential,kinetic,total,temperature',
    )
    const doc = JSON.parse(dataJSON(header, frames))
    expect(doc.lanes[1].positions).toHaveLength(500)
    expect(doc.link).toBe(header.link)
    expect(doc.lanes[1].sampling.step).toBe(300)
  })

  it('write the newest histogram with the step it was taken at when the latest frame has none', () => {
    const { sim, frames: sampled } = run(200)
    sim.advance(50)
    const latest = sim.frames(false)
    const header = { version: VERSION, link: 'x', caption: caption(250), step: 250 }
    const doc = JSON.parse(dataJSON(header, latest, { step: 200, frames: sampled }))
    expect(doc.step).toBe(250)
    expect(doc.lanes[0].sampling).toBeNull()
    expect(doc.lanes[1].sampling.step).toBe(200)
    expect(doc.lanes[1].sampling.counts).toHaveLength(40 * 40)
  })
})

describe('file names', () => {
  it('name the surface, what, the step, the date and the scale', () => {
    const date = new Date(2026, 10, 27, 23, 59)
    expect(
      exportFileName({
        surface: { kind: 'atlas', id: 'muller-brown', parameters: {} },
        what: 'figure',
        step: 5000,
        date,
        scale: 2,
        extension: 'png',
      }),
    ).toBe('muller-brown_figure_step-5000_2026-11-27_2x.png')
    expect(
      exportFileName({
        surface: { kind: 'formula', text: 'x^2', parameters: {}, domain: { xmin: 0, xmax: 1, ymin: 0, ymax: 1 } },
        what: 'Lane A: U of walker 1',
        step: 0,
        date,
        extension: 'svg',
      }),
    ).toBe('formula_lane-a-u-of-walker-1_step-0_2026-11-27.svg')
  })
})

describe('animations', () => {
  it('take a frame at the start and every so many steps, the last at N', () => {
    expect(frameSteps({ steps: 40, every: 10, from: 0 })).toEqual([0, 10, 20, 30, 40])
    expect(frameSteps({ steps: 45, every: 10, from: 100 })).toEqual([100, 110, 120, 130, 140, 145])
    for (const [steps, every] of [
      [40, 10],
      [45, 10],
      [1, 1],
      [1000, 7],
    ])
      expect(frameSteps({ steps, every, from: 0 })).toHaveLength(frameCount({ steps, every }))
  })

  it('refuse plans a student could mistype, field by field', () => {
    expect(planProblems({ steps: 1000, every: 20, fps: 10, from: 0, scale: 1 })).toEqual({})
    const bad = planProblems({ steps: 0.5, every: 0, fps: 100, from: 0, scale: 1 })
    expect(Object.keys(bad).sort()).toEqual(['every', 'fps', 'steps'])
    expect(planProblems({ steps: 100_000, every: 1, fps: 10, from: 0, scale: 1 }).every).toContain('at most')
  })

  it('are counted frame by frame in the GIF itself', () => {
    const gif = GIFEncoder()
    const rgba = new Uint8ClampedArray(8 * 6 * 4)
    for (let k = 0; k < 3; k++) {
      rgba.fill(40 * k + 20)
      const palette = quantize(rgba, 256)
      gif.writeFrame(applyPalette(rgba, palette), 8, 6, { palette, delay: 100, repeat: 0 })
    }
    gif.finish()
    expect(gifStructure(gif.bytes())).toEqual({
      width: 8,
      height: 6,
      images: 3,
      controlExtensions: 3,
      delays: [100, 100, 100],
    })
    expect(() => gifStructure(gif.bytes().subarray(0, 40))).toThrow(/truncated/)
    expect(() => gifStructure(new TextEncoder().encode('PNG........'))).toThrow(/not a GIF/)
  })
})

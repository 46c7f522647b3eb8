import type { Data } from 'plotly.js'
import type {
  InterpolationAnswer,
  LossHistory,
  LossSliceAnswer,
  RegionGrid,
  SpectrumHistory,
} from '../../engine/training-protocol'
import type { Figure, Theme } from '../figures'
import { plotInk, sectionAxis, sectionLayout } from '../sections/section-figures'
import { formatValue } from '../format'

/**
 * The training section's figures as plain plotly data: pure functions of what is shown, so that the
 * components only hand them to plotly.
 */

/** Class 0 blue, class 1 orange (as the molecule beads: one pair of hues across the page). */
export const CLASS_COLOUR = ['#2b7bd9', '#d9822b'] as const
/** One colour per walker (at most eight). */
export const WALKER_COLOURS = ['#4c72b0', '#dd8452', '#55a868', '#c44e52', '#8172b3', '#937860', '#da8bc3', '#8c8c8c']

function colours(theme: Theme) {
  const ink = plotInk(theme)
  return theme.dark
    ? { ...ink, outline: '#1b1d24', path: '#ffffff', halo: '#1b1d24' }
    : { ...ink, outline: '#ffffff', path: '#1f2430', halo: '#ffffff' }
}

/** n points evenly from lo to hi. */
export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n > 1 ? lo + ((hi - lo) * i) / (n - 1) : lo))
}

/** values[j nx + i] as rows z[j][i], non-finite values null. */
function gridRows(values: ArrayLike<number>, nx: number, ny: number): (number | null)[][] {
  const z: (number | null)[][] = []
  for (let j = 0; j < ny; j++) {
    const row: (number | null)[] = []
    for (let i = 0; i < nx; i++) {
      const v = values[j * nx + i]!
      row.push(Number.isFinite(v) ? v : null)
    }
    z.push(row)
  }
  return z
}

export interface RegionsInput {
  extent: readonly [number, number, number, number]
  regions: RegionGrid | null
  inputs: Float64Array
  targets: Float64Array
  task: 'classify' | 'regress'
  /** What is drawn, for uirevision: a new data set resets the zoom. */
  key: string
}

/** The range of the targets of a regression set, symmetric about 0 (at least [-1, 1]). */
function targetRange(targets: ArrayLike<number>): number {
  let m = 1
  for (let i = 0; i < targets.length; i++) if (Math.abs(targets[i]!) > m) m = Math.abs(targets[i]!)
  return m
}

/**
 * The data plane: the network's prediction as a heatmap (the probability of class 1, or the value
 * for a regression), the decision boundary where it crosses 0.5, and the training points coloured
 * by class (or by target).
 */
export function regionsFigure(input: RegionsInput, theme: Theme): Figure {
  const c = colours(theme)
  const [x0, x1, y0, y1] = input.extent
  const classify = input.task === 'classify'
  const scale: [number, string][] = classify
    ? theme.dark
      ? [
          [0, '#1d3f66'],
          [0.5, '#24262e'],
          [1, '#6b3f14'],
        ]
      : [
          [0, '#a9c9ef'],
          [0.5, '#f6f6f6'],
          [1, '#f3c9a0'],
        ]
    : [
        [0, '#2b7bd9'],
        [0.5, theme.dark ? '#24262e' : '#f6f6f6'],
        [1, '#d9822b'],
      ]
  const range = classify ? 1 : targetRange(input.targets)
  const data: Data[] = []
  const r = input.regions
  if (r) {
    const xs = linspace(r.extent[0], r.extent[1], r.nx)
    const ys = linspace(r.extent[2], r.extent[3], r.ny)
    const z = gridRows(r.values, r.nx, r.ny)
    data.push({
      type: 'heatmap',
      x: xs,
      y: ys,
      z,
      zmin: classify ? 0 : -range,
      zmax: classify ? 1 : range,
      colorscale: scale,
      showscale: false,
      hovertemplate: classify
        ? 'x = %{x:.2f}, y = %{y:.2f}<br>P(class 1) = %{z:.3f}<extra>prediction</extra>'
        : 'x = %{x:.2f}, y = %{y:.2f}<br>prediction %{z:.3f}<extra></extra>',
    } as Data)
    if (classify)
      data.push({
        type: 'contour',
        x: xs,
        y: ys,
        z,
        showscale: false,
        hoverinfo: 'skip',
        contours: { start: 0.5, end: 0.5, size: 1, coloring: 'lines' },
        line: { color: c.path, width: 1.5 },
        colorscale: [
          [0, c.path],
          [1, c.path],
        ],
        name: 'decision boundary',
        showlegend: false,
      } as Data)
  }
  const n = input.targets.length
  if (classify) {
    for (const label of [0, 1] as const) {
      const x: number[] = []
      const y: number[] = []
      for (let i = 0; i < n; i++) {
        if (input.targets[i] !== label) continue
        x.push(input.inputs[2 * i]!)
        y.push(input.inputs[2 * i + 1]!)
      }
      data.push({
        type: 'scatter',
        mode: 'markers',
        x,
        y,
        name: `class ${label}`,
        marker: { color: CLASS_COLOUR[label], size: 6, line: { color: c.outline, width: 1 } },
        hovertemplate: `(%{x:.2f}, %{y:.2f}) class ${label}<extra></extra>`,
      })
    }
  } else {
    const x: number[] = []
    const y: number[] = []
    for (let i = 0; i < n; i++) {
      x.push(input.inputs[2 * i]!)
      y.push(input.inputs[2 * i + 1]!)
    }
    data.push({
      type: 'scatter',
      mode: 'markers',
      x,
      y,
      name: 'targets',
      marker: {
        color: Array.from(input.targets),
        colorscale: scale,
        cmin: -range,
        cmax: range,
        size: 6,
        line: { color: c.outline, width: 1 },
      },
      hovertemplate: '(%{x:.2f}, %{y:.2f}) target %{marker.color:.3f}<extra></extra>',
    } as Data)
  }
  return {
    data,
    layout: {
      ...sectionLayout(theme, { l: 48, r: 12, t: 32, b: 48 }),
      uirevision: input.key,
      // To scale, the plot area shrinking to fit (constrain 'domain'), so the ranges stay the data's.
      xaxis: { ...sectionAxis('x₁', theme), range: [x0, x1], constrain: 'domain' },
      yaxis: { ...sectionAxis('x₂', theme), range: [y0, y1], scaleanchor: 'x', scaleratio: 1, constrain: 'domain' },
      legend: { orientation: 'h', x: 0, y: 1.01, yanchor: 'bottom' },
      showlegend: classify,
    },
  }
}

/** The loss curves of the walkers on a log axis; the chosen walker's drawn thicker. */
export function lossCurvesFigure(history: LossHistory, chosen: number, theme: Theme, key: string): Figure {
  const m = history.steps.length
  const walkers = m > 0 ? history.losses.length / m : 0
  const steps = Array.from(history.steps)
  const data: Data[] = []
  for (let i = 0; i < walkers; i++) {
    const y: (number | null)[] = []
    for (let k = 0; k < m; k++) {
      const v = history.losses[i * m + k]!
      y.push(Number.isFinite(v) && v > 0 ? v : null)
    }
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: steps,
      y,
      name: `walker ${i + 1}`,
      line: { color: WALKER_COLOURS[i % WALKER_COLOURS.length], width: i === chosen ? 3 : 1.5 },
      hovertemplate: `walker ${i + 1}, step %{x}: loss %{y:.4g}<extra></extra>`,
    })
  }
  return {
    data,
    layout: {
      ...sectionLayout(theme, { l: 60, r: 12, t: 40, b: 48 }),
      uirevision: key,
      xaxis: { ...sectionAxis('step', theme) },
      yaxis: { ...sectionAxis('training loss L(θ)', theme), type: 'log' },
      // Above the plot: below it the legend's rows met the axis title on a narrow screen.
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    },
  }
}

/** Two significant figures, plainly: 0.8, 0.12, 35, 1.2e+5. */
export function short(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  const a = Math.abs(v)
  if (a !== 0 && (a >= 1e4 || a < 1e-3)) return v.toExponential(1).replace('-', '\u2212')
  return String(Number(v.toPrecision(2))).replace('-', '\u2212')
}

/**
 * Where a projected point lies against the slice: "0.8 off the plane; true loss 0.12 above the
 * plane's". A point on the plane (within rounding of its distance from the origin) says so.
 */
export function pathHover(distance: number, trueLoss: number, planeLoss: number): string {
  const gap = trueLoss - planeLoss
  const off = distance < 1e-9 ? 'on the plane' : `${short(distance)} off the plane`
  if (!Number.isFinite(gap)) return `${off}; true loss ${short(trueLoss)}`
  const size = Math.abs(gap)
  const where =
    size < 5e-4 * Math.max(1e-12, Math.abs(planeLoss))
      ? "as the plane's"
      : `${short(size)} ${gap > 0 ? 'above' : 'below'} the plane's`
  return `${off}; true loss ${where}`
}

/** The colour scale's top: the loss spans orders of magnitude on a slice; the top 5% are clipped. */
export function sliceTop(values: ArrayLike<number>): number {
  const finite: number[] = []
  for (let k = 0; k < values.length; k++) if (Number.isFinite(values[k]!)) finite.push(values[k]!)
  if (finite.length === 0) return 1
  finite.sort((a, b) => a - b)
  return finite[Math.min(finite.length - 1, Math.floor(0.95 * (finite.length - 1)))]!
}

const PLANE_AXES = {
  random: ['random direction δ (filter-normalised)', 'random direction η (filter-normalised)'],
  pca: ['first principal component of the path', 'second principal component'],
  hessian: ['top Hessian eigenvector', 'second Hessian eigenvector'],
} as const

function pathTexts(slice: LossSliceAnswer): string[] {
  const p = slice.path
  const out: string[] = []
  for (let k = 0; k < p.steps.length; k++)
    out.push(
      `step ${p.steps[k]!.toLocaleString('en')}: ${pathHover(p.distance[k]!, p.trueLoss[k]!, p.planeLoss[k]!)}` +
        ` (plane ${formatValue(p.planeLoss[k]!, 4)}, true ${formatValue(p.trueLoss[k]!, 4)})`,
    )
  return out
}

/** The loss on the slice plane as a heatmap, the chosen walker's path projected on it, its end ringed. */
export function sliceFigure(slice: LossSliceAnswer, theme: Theme): Figure {
  const c = colours(theme)
  const xs = linspace(slice.a[0], slice.a[1], slice.na)
  const ys = linspace(slice.b[0], slice.b[1], slice.nb)
  const p = slice.path
  const m = p.steps.length
  const [ax, ay] = PLANE_AXES[slice.kind]
  return {
    data: [
      {
        type: 'heatmap',
        x: xs,
        y: ys,
        z: gridRows(slice.values, slice.na, slice.nb),
        zmin: slice.min,
        zmax: Math.max(sliceTop(slice.values), slice.min + 1e-12),
        colorscale: 'Viridis',
        colorbar: { title: { text: 'L' }, thickness: 12 },
        hovertemplate: 'a = %{x:.3f}, b = %{y:.3f}<br>loss on the plane %{z:.4g}<extra></extra>',
      } as Data,
      {
        type: 'scatter',
        mode: 'lines+markers',
        x: Array.from(p.a),
        y: Array.from(p.b),
        text: pathTexts(slice),
        name: `walker ${slice.walker + 1}'s path`,
        line: { color: c.path, width: 1.5 },
        marker: { size: 4, color: c.path },
        hovertemplate: '%{text}<extra></extra>',
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: [p.a[m - 1] ?? 0],
        y: [p.b[m - 1] ?? 0],
        name: `now (step ${slice.step.toLocaleString('en')})`,
        marker: { size: 12, color: 'rgba(0,0,0,0)', line: { color: c.path, width: 2.5 } },
        hoverinfo: 'skip',
      },
    ],
    layout: {
      ...sectionLayout(theme, { l: 56, r: 12, t: 8, b: 96 }),
      uirevision: `${slice.kind} ${slice.walker}`,
      xaxis: { ...sectionAxis(ax, theme), range: [slice.a[0], slice.a[1]] },
      yaxis: { ...sectionAxis(ay, theme), range: [slice.b[0], slice.b[1]] },
      legend: { orientation: 'h', x: 0, y: -0.24, yanchor: 'top' },
    },
  }
}

/** The slice as a surface, with the path at its true losses: where it floats off the surface, the plane misleads. */
export function sliceSurfaceFigure(slice: LossSliceAnswer, theme: Theme): Figure {
  const c = colours(theme)
  const scene = { color: c.text, gridcolor: c.grid }
  const top = Math.max(sliceTop(slice.values), slice.min + 1e-12)
  const z = gridRows(slice.values, slice.na, slice.nb).map((row) =>
    row.map((v) => (v === null ? null : Math.min(v, top))),
  )
  const p = slice.path
  return {
    data: [
      {
        type: 'surface',
        x: linspace(slice.a[0], slice.a[1], slice.na),
        y: linspace(slice.b[0], slice.b[1], slice.nb),
        z,
        colorscale: 'Viridis',
        showscale: false,
        hovertemplate: 'a = %{x:.3f}, b = %{y:.3f}<br>loss on the plane %{z:.4g}<extra></extra>',
      } as Data,
      {
        type: 'scatter3d',
        mode: 'lines+markers',
        x: Array.from(p.a),
        y: Array.from(p.b),
        z: Array.from(p.trueLoss, (v) => Math.min(v, top)),
        text: pathTexts(slice),
        line: { color: c.path, width: 4 },
        marker: { size: 2.5, color: c.path },
        name: 'path at its true loss',
        hovertemplate: '%{text}<extra></extra>',
      } as Data,
    ],
    layout: {
      ...sectionLayout(theme, { l: 0, r: 0, t: 0, b: 0 }),
      uirevision: `${slice.kind} ${slice.walker}`,
      showlegend: false,
      scene: {
        xaxis: { ...scene, title: { text: 'a' } },
        yaxis: { ...scene, title: { text: 'b' } },
        zaxis: { ...scene, title: { text: 'L' } },
      },
    },
  }
}

/**
 * The chosen walker's Hessian spectrum over training, in three panels over the same steps: λmax,
 * λmin (with its zero line: below it, a direction curves down) and the count of negative curvatures.
 * Each point's hover gives its loss and |∇L|.
 */
export function spectrumFigure(spectrum: SpectrumHistory, theme: Theme, key: string): Figure {
  const c = colours(theme)
  const x = Array.from(spectrum.steps)
  const x0 = x[0] ?? 0
  const x1 = Math.max(x[x.length - 1] ?? x0, x0 + spectrum.every)
  /** 4% on each side: the end markers whole, and the step axis's 0 clear of the count's. */
  const pad = 0.04 * (x1 - x0)
  const text = x.map(
    (step, k) =>
      `step ${step.toLocaleString('en')}: loss ${formatValue(spectrum.loss[k]!, 4)}, ` +
      `|∇L| ${short(spectrum.gradient[k]!)}`,
  )
  const finite = (a: Float64Array) => Array.from(a, (v) => (Number.isFinite(v) ? v : null))
  const colour = WALKER_COLOURS[spectrum.walker % WALKER_COLOURS.length]
  const line = (y: (number | null)[], name: string, yaxis: string, extra: Partial<Data> = {}): Data =>
    ({
      type: 'scatter',
      mode: 'lines+markers',
      x,
      y,
      text,
      name,
      xaxis: 'x',
      yaxis,
      line: { color: colour, width: 2 },
      marker: { size: 5, color: colour },
      hovertemplate: `${name} = %{y:.3g}<br>%{text}<extra></extra>`,
      showlegend: false,
      ...extra,
    }) as Data
  const panel = (title: string, domain: [number, number], extra: Record<string, unknown> = {}) => ({
    ...sectionAxis(title, theme),
    domain,
    automargin: true,
    ...extra,
  })
  return {
    data: [
      line(finite(spectrum.max), 'λmax', 'y'),
      line(finite(spectrum.min), 'λmin', 'y2'),
      line(finite(spectrum.index), 'negative curvatures', 'y3', { line: { color: colour, width: 2, shape: 'hv' } }),
    ],
    layout: {
      ...sectionLayout(theme, { l: 64, r: 12, t: 8, b: 44 }),
      uirevision: key,
      // From the first record to the next one due at least, padded: a lone record is not centred on negative steps.
      xaxis: {
        ...sectionAxis('step', theme),
        anchor: 'y3',
        range: [x0 - pad, x1 + pad],
      },
      // Gaps between the panels, so that one's bottom tick and the next one's top tick stay apart on a phone.
      // Both curvature panels hold 0: whether λmin is below it is the point.
      yaxis: panel('λmax', [0.74, 1], { rangemode: 'tozero' }),
      yaxis2: panel('λmin', [0.38, 0.62], {
        rangemode: 'tozero',
        zeroline: true,
        zerolinecolor: c.path,
        zerolinewidth: 1,
      }),
      yaxis3: panel('negative', [0, 0.26], { rangemode: 'tozero', tickformat: 'd' }),
    },
  }
}

/**
 * The loss along the line from the initial (α = 0) to the current weights (α = 1), α over
 * [−0.5, 1.5] (Goodfellow, Vinyals & Saxe 2015): [0, 1] shaded, the ends marked, the barrier (if
 * any) ringed. The y range holds the segment [0, 1] and at most twice its top beyond it.
 */
export function interpolationFigure(line: InterpolationAnswer, theme: Theme): Figure {
  const c = colours(theme)
  const alpha = Array.from(line.alpha)
  const loss = Array.from(line.loss, (v) => (Number.isFinite(v) ? v : null))
  let inner = 0
  let all = 0
  alpha.forEach((a, i) => {
    const v = loss[i]
    if (v === null || v === undefined) return
    all = Math.max(all, v)
    if (a >= 0 && a <= 1) inner = Math.max(inner, v)
  })
  // Headroom for the ends' labels above their markers.
  const top = 1.15 * Math.max(Math.min(all, 2 * inner), 1e-12)
  const colour = WALKER_COLOURS[line.walker % WALKER_COLOURS.length]
  const data: Data[] = [
    {
      type: 'scatter',
      mode: 'lines',
      x: alpha,
      y: loss,
      name: 'L((1 − α) θ₀ + α θ)',
      line: { color: colour, width: 2.5 },
      hovertemplate: 'α = %{x:.3f}: loss %{y:.4g}<extra></extra>',
    },
    {
      type: 'scatter',
      mode: 'text+markers',
      x: [0, 1],
      y: [line.start, line.end],
      text: ['θ₀', 'θ'],
      textposition: ['top left', 'top right'],
      textfont: { color: c.text, size: 14 },
      customdata: ['initial weights θ₀ (step 0)', `current weights θ (step ${line.step.toLocaleString('en')})`],
      name: 'the ends: θ₀ at α = 0, θ at α = 1',
      marker: { size: 10, color: colour, line: { color: c.outline, width: 1.5 } },
      hovertemplate: '%{customdata}: loss %{y:.4g}<extra></extra>',
    } as Data,
  ]
  const b = line.barrier
  if (b.present) {
    const i = alpha.indexOf(b.at)
    data.push({
      type: 'scatter',
      mode: 'markers',
      x: [b.at],
      y: [loss[i] ?? null],
      name: `barrier (${short(b.height)} above the higher end)`,
      marker: { size: 14, color: 'rgba(0,0,0,0)', line: { color: c.path, width: 2.5 } },
      hovertemplate: `barrier at α = %{x:.3f}: loss %{y:.4g}<extra></extra>`,
    })
  }
  return {
    data,
    layout: {
      ...sectionLayout(theme, { l: 56, r: 12, t: 8, b: 48 }),
      uirevision: `line ${line.walker}`,
      xaxis: {
        ...sectionAxis('α (0: initial weights, 1: current weights)', theme),
        range: [alpha[0], alpha[alpha.length - 1]],
      },
      // A little below 0, so that the 0 tick stays clear of the α axis's labels.
      yaxis: { ...sectionAxis('training loss', theme), range: [-0.03 * top, top] },
      shapes: [
        {
          type: 'rect',
          xref: 'x',
          yref: 'paper',
          x0: 0,
          x1: 1,
          y0: 0,
          y1: 1,
          fillcolor: theme.dark ? 'rgba(255,255,255,0.06)' : 'rgba(0,0,0,0.05)',
          line: { width: 0 },
          layer: 'below',
        },
      ],
      legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    },
  }
}

import type { Layout } from 'plotly.js'
import type { Theme } from '../figures'
import { plotInk } from './section-figures'

/** The colours of the guided experiments' figures: text, grid, and three for the things compared. */
export function experimentColours(theme: Theme) {
  const ink = plotInk(theme)
  return theme.dark
    ? { ...ink, accent: '#7cb8ff', mark: '#ffb86b', other: '#a3a7b3' }
    : { ...ink, accent: '#0b6bcb', mark: '#c2410c', other: '#5b6170' }
}

/**
 * The layout of a guided experiment's figure: transparent, in the theme's colours, its axes titled
 * x and y. The legend sits above the plot (below it, on a phone, it ran into the x axis's title),
 * in `legendRoom` pixels at the top; without a legend the top keeps 16 pixels. `extra` overrides.
 */
export function experimentLayout(
  theme: Theme,
  x: string,
  y: string,
  extra: Partial<Layout> = {},
  legendRoom = 44,
): Partial<Layout> {
  const c = experimentColours(theme)
  const axis = (title: string) => ({ title: { text: title }, gridcolor: c.grid, zeroline: false, color: c.text })
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: c.text },
    margin: { l: 64, r: 16, t: extra.showlegend === false ? 16 : legendRoom, b: 52 },
    xaxis: axis(x),
    yaxis: axis(y),
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    hoverlabel: { namelength: -1 },
    ...extra,
  }
}

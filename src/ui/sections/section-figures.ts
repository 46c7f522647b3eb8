import type { Layout } from 'plotly.js'
import type { Theme } from '../figures'

/** The text and grid colours of the sections' plots (molecules, training, the guided experiments). */
export function plotInk(theme: Theme): { text: string; grid: string } {
  return theme.dark
    ? { text: '#e4e4ea', grid: 'rgba(255,255,255,0.14)' }
    : { text: '#1f2430', grid: 'rgba(0,0,0,0.12)' }
}

/** A section plot's layout: transparent, in the theme's text colour, with the given margins. */
export function sectionLayout(theme: Theme, margin: Partial<Layout['margin']>): Partial<Layout> {
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { color: plotInk(theme).text },
    margin,
    hoverlabel: { namelength: -1 },
  }
}

/**
 * A section plot's axis, titled. Fixed margins: automargin measures the tick labels' boxes at every
 * draw, which forces a layout each time.
 */
export function sectionAxis(title: string, theme: Theme) {
  const c = plotInk(theme)
  return { title: { text: title }, gridcolor: c.grid, zeroline: false, color: c.text, automargin: false }
}

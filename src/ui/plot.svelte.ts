import type { Attachment } from 'svelte/attachments'
import type { Figure } from './figures'
import { PLOT_CONFIG, Plotly } from './plotly'

/**
 * Draws a figure into an element and keeps it up to date with Plotly.react,
 * in place: the element keeps one plotly figure (and its WebGL context) for
 * its whole life. Updates are chained so two never overlap.
 */
export function plotFigure(figure: () => Figure | null): Attachment<HTMLElement> {
  return (element) => {
    let drawing: Promise<unknown> = Promise.resolve()
    $effect(() => {
      const next = figure()
      if (!next) return
      drawing = drawing
        .then(() => Plotly.react(element, next.data, next.layout, PLOT_CONFIG))
        // A bug, reported; the next figure is still drawn.
        .catch((error: unknown) => console.error('plotly could not draw the figure:', error))
    })
    return () => {
      void drawing.then(() => Plotly.purge(element))
    }
  }
}

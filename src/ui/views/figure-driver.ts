import type { Figure } from '../figures'
import { PLOT_CONFIG, Plotly } from '../plotly'

/**
 * Keeps one plotly figure in an element for the element's whole life (and one
 * WebGL context), updated in place with Plotly.react. Draws never overlap:
 * while one runs, only the newest figure asked for waits, and it is drawn next.
 */
export class FigureDriver {
  readonly #element: HTMLElement
  #drawing = false
  #waiting: Figure | null = null
  #disposed = false
  /** Called after each figure is drawn. */
  ondrawn: (() => void) | null = null

  constructor(element: HTMLElement) {
    this.#element = element
  }

  draw(figure: Figure): void {
    if (this.#disposed) return
    if (this.#drawing) {
      this.#waiting = figure
      return
    }
    this.#drawing = true
    Plotly.react(this.#element, figure.data, figure.layout, PLOT_CONFIG)
      .then(() => {
        untabModeBar(this.#element)
        this.ondrawn?.()
      })
      // A bug, reported; the next figure is still drawn.
      .catch((error: unknown) => console.error('plotly could not draw the figure:', error))
      .finally(() => {
        this.#drawing = false
        const next = this.#waiting
        this.#waiting = null
        if (next) this.draw(next)
        else if (this.#disposed) Plotly.purge(this.#element)
      })
  }

  dispose(): void {
    this.#disposed = true
    this.#waiting = null
    if (!this.#drawing) Plotly.purge(this.#element)
  }
}

/**
 * Takes the mode bar's buttons (zoom, pan, reset, download: plotly makes them <button>s) out of the Tab
 * order, where each figure added up to 16 stops between the controls; the mouse still clicks them. Plotly
 * builds the buttons anew only when the set changes, so this runs after every draw.
 */
export function untabModeBar(element: HTMLElement): void {
  for (const button of element.querySelectorAll('.modebar-btn')) button.setAttribute('tabindex', '-1')
}

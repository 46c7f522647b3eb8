import type { Figure } from '../figures'
import { PLOT_CONFIG, Plotly } from '../plotly'

/**
 * Keeps one plotly figure in an element for the element's whole life (and one
 * WebGL context), updated in place with Plotly.react. Draws never overlap:
 * while one runs, only the newest figure asked for waits, and it is drawn next.
 * The figure follows the element's size: plotly's own 'responsive' follows only
 * the window, and the map's element changes height with the domain's shape
 * (PlotPanel.svelte), which left the figure, its colour bar first, spilling out
 * of its card.
 */
export class FigureDriver {
  readonly #element: HTMLElement
  #drawing = false
  #waiting: Figure | null = null
  #disposed = false
  /** Called after each figure is drawn. */
  ondrawn: (() => void) | null = null

  readonly #resized: ResizeObserver | null
  #drawnOnce = false

  constructor(element: HTMLElement) {
    this.#element = element
    this.#resized = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => this.#fit())
    this.#resized?.observe(element)
  }

  /** Resizes the figure to its element when they differ (not while a draw runs: the next draw fits). */
  #fit(): void {
    if (this.#disposed || this.#drawing || !this.#drawnOnce) return
    const layout = (this.#element as HTMLElement & { _fullLayout?: { width?: number; height?: number } })._fullLayout
    const { clientWidth: width, clientHeight: height } = this.#element
    if (!layout || width === 0 || height === 0) return
    if (Math.abs((layout.width ?? 0) - width) < 1 && Math.abs((layout.height ?? 0) - height) < 1) return
    this.#drawing = true
    // plotly's types say void, but Plots.resize returns a promise.
    Promise.resolve(Plotly.Plots.resize(this.#element) as unknown as Promise<void>)
      .then(() => this.ondrawn?.())
      .catch((error: unknown) => console.error('plotly could not resize the figure:', error))
      .finally(() => this.#settle())
  }

  #settle(): void {
    this.#drawing = false
    const next = this.#waiting
    this.#waiting = null
    if (next) this.draw(next)
    else if (this.#disposed) Plotly.purge(this.#element)
    else this.#fit()
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
        this.#drawnOnce = true
        untabModeBar(this.#element)
        this.ondrawn?.()
      })
      // A bug, reported; the next figure is still drawn.
      .catch((error: unknown) => console.error('plotly could not draw the figure:', error))
      .finally(() => this.#settle())
  }

  dispose(): void {
    this.#resized?.disconnect()
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

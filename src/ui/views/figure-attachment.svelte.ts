import type { Attachment } from 'svelte/attachments'
import type { Figure } from '../figures'
import { FigureDriver } from './figure-driver'

/**
 * An attachment that keeps the figure `get` returns drawn in its element (nothing while it is null),
 * redrawn when the figure changes, through one FigureDriver for the element's life.
 */
export function drawFigure(get: () => Figure | null): Attachment<HTMLElement> {
  return (element) => {
    const driver = new FigureDriver(element)
    $effect(() => {
      const figure = get()
      if (figure) driver.draw(figure)
    })
    return () => driver.dispose()
  }
}

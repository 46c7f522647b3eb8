/**
 * A box that scrolls sideways must be reachable by keyboard, or a reader without
 * a mouse never sees what overflows (WCAG 2.1.1; axe's scrollable-region-focusable).
 * This attachment makes `element` a tab stop, named `label` as a region when
 * given one, only while its content overflows it, so boxes that fit add no tab stop.
 */
export function keyboardScroll(label?: string): (element: HTMLElement) => () => void {
  return (element) => {
    const update = () => {
      const overflowing = element.scrollWidth > element.clientWidth + 1
      if (overflowing === (element.getAttribute('tabindex') === '0')) return
      if (overflowing) {
        element.setAttribute('tabindex', '0')
        if (label) element.setAttribute('role', 'region')
        if (label) element.setAttribute('aria-label', label)
      } else {
        element.removeAttribute('tabindex')
        if (label) element.removeAttribute('role')
        if (label) element.removeAttribute('aria-label')
      }
    }
    // The box resizes with the page, its content with new values (a table) or a new rendering (KaTeX).
    const resized = new ResizeObserver(update)
    const watch = () => {
      resized.disconnect()
      resized.observe(element)
      for (const child of element.children) resized.observe(child)
      update()
    }
    const replaced = new MutationObserver(watch)
    replaced.observe(element, { childList: true, subtree: true })
    watch()
    return () => {
      resized.disconnect()
      replaced.disconnect()
    }
  }
}

/**
 * What the toolbar's menus share (the Experiments list, src/ui/experiments/ExperimentPicker.svelte, the
 * Export panel, src/ui/export/ExportMenu.svelte, and the Share and Settings menus, src/ui/share/ToolMenu.svelte):
 * an open menu lies inside the window, its first item takes the focus, and Escape closes it and gives the
 * focus back to the button that opened it.
 */

/** The gap kept between an open menu and the window's edges, in CSS pixels. */
export const EDGE_MARGIN = 8

/** The fewest pixels of height a menu keeps when little of the window is left below its button. */
const MIN_HEIGHT = 160

/**
 * The left edge (in window coordinates) of a menu `width` wide opened from a button spanning
 * `buttonLeft`..`buttonRight` in a window `viewport` wide: it opens towards the middle of the window
 * (rightwards from a button on the left half, leftwards from one on the right half) and is then moved
 * just enough to keep EDGE_MARGIN from both edges (the left edge wins when the menu is wider than the window).
 */
export function menuLeft(buttonLeft: number, buttonRight: number, width: number, viewport: number): number {
  const preferred = (buttonLeft + buttonRight) / 2 < viewport / 2 ? buttonLeft : buttonRight - width
  return Math.max(EDGE_MARGIN, Math.min(preferred, viewport - EDGE_MARGIN - width))
}

/**
 * Places an open, absolutely positioned menu below its button and inside the window: at most as wide as
 * the window less the margins, shifted sideways to fit, and no taller than what is left below its top
 * (it scrolls inside). Its offset parent is the wrapper around the button.
 */
export function placeMenu(menu: HTMLElement, button: HTMLElement): void {
  const viewport = document.documentElement.clientWidth
  menu.style.maxWidth = `${viewport - 2 * EDGE_MARGIN}px`
  menu.style.right = 'auto'
  menu.style.left = '0px'
  const width = menu.getBoundingClientRect().width
  const b = button.getBoundingClientRect()
  const parent = menu.offsetParent ?? document.documentElement
  const origin = parent.getBoundingClientRect().left + parent.clientLeft
  menu.style.left = `${menuLeft(b.left, b.right, width, viewport) - origin}px`
  const top = menu.getBoundingClientRect().top
  menu.style.maxHeight = `${Math.max(MIN_HEIGHT, window.innerHeight - EDGE_MARGIN - top)}px`
  menu.style.overflowY = 'auto'
}

const FOCUSABLE = 'button, select, input, textarea, a[href], [tabindex]:not([tabindex="-1"])'

/** The first control of `menu` that is enabled and drawn (not hidden), or null. */
export function firstItem(menu: HTMLElement): HTMLElement | null {
  for (const element of menu.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (element.matches(':disabled')) continue
    const box = element.getBoundingClientRect()
    if (box.width > 0 && box.height > 0) return element
  }
  return null
}

import { pageLink } from './address'

/**
 * The training section's clicked points that a link carried (`points=x,y,label;…`, the text of
 * encodeUserPoints), kept from the page's opening until the section, loaded later, takes them: the
 * address follows the page's state from the start and would have dropped the key by then.
 */
let carried: string | null = null

/** Keeps the text of the opening's `points` key (null: the link had none). */
export function carryPoints(text: string | null): void {
  carried = text
}

/** The carried text, once: the section reads it with its own checks. */
export function takeCarriedPoints(): string | null {
  const text = carried
  carried = null
  return text
}

/** A link to this page that carries the points' text. */
export function pointsLink(page: { origin: string; pathname: string }, text: string): string {
  return pageLink(page, `points=${encodeURIComponent(text)}`)
}

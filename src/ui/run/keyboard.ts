/** The page's keyboard shortcuts: space plays or pauses, r resets. */
export type Shortcut = 'toggle' | 'reset'

/** What a key press means, if anything: never while the focus is in a control that takes keys itself. */
export interface KeyPress {
  key: string
  altKey: boolean
  ctrlKey: boolean
  metaKey: boolean
  repeat: boolean
  target: { tagName?: string; isContentEditable?: boolean; type?: string } | null
}

/** Elements whose own handling of space or letters must win. */
const TAKES_KEYS = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'SUMMARY', 'A'])

export function shortcutFor(event: KeyPress): Shortcut | null {
  if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return null
  const t = event.target
  if (t && (t.isContentEditable || (t.tagName !== undefined && TAKES_KEYS.has(t.tagName.toUpperCase())))) return null
  if (event.key === ' ') return 'toggle'
  if (event.key === 'r' || event.key === 'R') return 'reset'
  return null
}

/**
 * The page's own corner of localStorage: the last state (a query, read back
 * through the same decoder as a link), the user's saved surfaces, the last
 * formula they typed and the appearance. Storage may be missing or refuse (private windows, a full quota,
 * a policy): every call then does nothing, and the page works without memory.
 */

/** Every key starts with this, so "Reset to defaults" forgets exactly the page's own. */
export const STORAGE_PREFIX = 'landscape-surfaceEditor:'
export const LAST_STATE_KEY = `${STORAGE_PREFIX}last-state`
export const SAVED_SURFACES_KEY = `${STORAGE_PREFIX}saved-surfaces`
export const APPEARANCE_KEY = `${STORAGE_PREFIX}appearance`
/** The last formula the user typed, offered as "Your formula" while an atlas surface is shown. */
export const YOUR_FORMULA_KEY = `${STORAGE_PREFIX}your-formula`
/** The points clicked onto the training section's data plane. */
export const TRAINING_POINTS_KEY = `${STORAGE_PREFIX}training-points`

/** Longer stored values are not read (a link is at most 16,000 characters; a hundred surfaces fit in far less). */
export const MAX_STORED_LENGTH = 200_000

export type KeyValueStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

/** The browser's localStorage, or null where reading it throws (it can, by policy). */
export function browserStore(): KeyValueStore | null {
  try {
    return globalThis.localStorage ?? null
  } catch {
    return null
  }
}

export function readItem(store: KeyValueStore | null, key: string): string | null {
  try {
    const value = store?.getItem(key) ?? null
    return value !== null && value.length <= MAX_STORED_LENGTH ? value : null
  } catch {
    return null
  }
}

/** False when the store refused (no store, quota): the page goes on without it. */
export function writeItem(store: KeyValueStore | null, key: string, value: string): boolean {
  try {
    store?.setItem(key, value)
    return store !== null
  } catch {
    return false
  }
}

/** Forgets every key of the page's own. */
export function forgetAll(store: KeyValueStore | null): void {
  for (const key of [LAST_STATE_KEY, SAVED_SURFACES_KEY, APPEARANCE_KEY, YOUR_FORMULA_KEY, TRAINING_POINTS_KEY]) {
    try {
      store?.removeItem(key)
    } catch {
      // Nothing to forget where nothing could be kept.
    }
  }
}

import { decodeUserPoints, encodeUserPoints, MAX_USER_POINTS, type UserPoint } from '../../core/training/data'
import { readItem, STORAGE_PREFIX, writeItem, type KeyValueStore } from '../storage'

/**
 * The points a user clicks onto the data plane, kept in localStorage as `encodeUserPoints` writes
 * them (two decimals), so that they survive a reload; at most MAX_USER_POINTS.
 */

export const USER_POINTS_KEY = `${STORAGE_PREFIX}training-points`

/** The stored points, or none when nothing (or nothing valid) is stored. */
export function loadUserPoints(store: KeyValueStore | null): UserPoint[] {
  const text = readItem(store, USER_POINTS_KEY)
  if (text === null || text.trim() === '') return []
  const decoded = decodeUserPoints(text)
  return 'points' in decoded ? decoded.points : []
}

/** Stores the points (an empty list removes the key); false when the store refused. */
export function saveUserPoints(store: KeyValueStore | null, points: readonly UserPoint[]): boolean {
  if (points.length === 0) {
    try {
      store?.removeItem(USER_POINTS_KEY)
      return store !== null
    } catch {
      return false
    }
  }
  return writeItem(store, USER_POINTS_KEY, encodeUserPoints(points))
}

/**
 * The points with one more at (x, y) of class `label`, rounded as the store keeps it; or the
 * message when the limit is reached.
 */
export function withPoint(
  points: readonly UserPoint[],
  x: number,
  y: number,
  label: 0 | 1,
): { points: UserPoint[] } | { problem: string } {
  if (points.length >= MAX_USER_POINTS)
    return { problem: `at most ${MAX_USER_POINTS} clicked points: remove some (Clear) before adding more` }
  const round = (v: number) => Math.round(v * 100) / 100
  return { points: [...points, { x: round(x), y: round(y), label }] }
}

export { MAX_USER_POINTS }

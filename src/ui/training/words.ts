import { TRAINING_KIND } from '../../engine/training-protocol'
import { short } from './figures'

/** What one network is doing, in words: its loss, accuracy and gradient, or that it diverged and when. */
export function walkerWords(
  kind: number,
  loss: number,
  accuracy: number,
  gradientNorm: number,
  divergedAt: number,
  sampling: boolean,
): string {
  if (kind === TRAINING_KIND.diverged)
    return (
      `diverged at step ${divergedAt.toLocaleString('en')}: its loss or gradient stopped being a finite number ` +
      `(last loss ${short(loss)}); a smaller step would help. The other walkers go on`
    )
  const acc = Number.isFinite(accuracy) ? `, accuracy ${(100 * accuracy).toFixed(1)}%` : ''
  const state = kind === TRAINING_KIND.minimum ? 'at a minimum' : sampling ? 'sampling' : 'training'
  return `${state}, loss ${short(loss)}${acc}, |∇L| = ${short(gradientNorm)}`
}

/** "4 walkers: 3 training, 1 diverged". */
export function walkersSummary(kinds: ArrayLike<number>, sampling: boolean): string {
  let running = 0
  let minimum = 0
  let diverged = 0
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] === TRAINING_KIND.diverged) diverged++
    else if (kinds[i] === TRAINING_KIND.minimum) minimum++
    else running++
  }
  const parts: string[] = []
  if (running) parts.push(`${running} ${sampling ? 'sampling' : 'training'}`)
  if (minimum) parts.push(`${minimum} at a minimum`)
  if (diverged) parts.push(`${diverged} diverged`)
  const n = kinds.length
  return `${n} walker${n === 1 ? '' : 's'}: ${parts.join(', ')}`
}

import { classifyTrainingWalker } from '../../core/training/saddle-words'
import { TRAINING_KIND, type SpectrumHistory } from '../../engine/training-protocol'
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

/**
 * What the latest Hessian record says of the chosen walker, when it says more than "training": near
 * a saddle (with its index, gradient and escape direction's curvature), at a minimum or on a plateau,
 * with the step of the record ("near a saddle of index 3: gradient 2e-5, escape direction curvature
 * −0.04 (Hessian at step 1,220)"). Null when there is no record of this walker, when the record says
 * only that it trains, or when the walker diverged: the current words say it then.
 */
export function hessianWalkerWords(
  spectrum: SpectrumHistory | null,
  walker: number,
  accuracy: number,
  diverged: boolean,
): string | null {
  if (!spectrum || spectrum.walker !== walker || diverged) return null
  const k = spectrum.steps.length - 1
  if (k < 0) return null
  const c = classifyTrainingWalker({
    loss: spectrum.loss[k]!,
    gradient: spectrum.gradient[k]!,
    accuracy,
    hessian: { min: spectrum.min[k]!, max: spectrum.max[k]!, index: spectrum.index[k]! },
  })
  if (c.kind === 'training' || c.kind === 'diverged') return null
  return `${c.words} (Hessian at step ${spectrum.steps[k]!.toLocaleString('en')})`
}

import { classifyTrainingWalker } from '../../core/training/saddle-words'
import { TRAINING_KIND, type InterpolationAnswer, type SpectrumHistory } from '../../engine/training-protocol'
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
 * −0.04, from the Hessian at step 1,220"). Null when there is no record of this walker, when the record says
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
  return `${c.words}, from the Hessian at step ${spectrum.steps[k]!.toLocaleString('en')}`
}

/**
 * The line from the initial to the current weights in words: where it starts and ends, and whether a
 * barrier stands between ("a barrier of 0.14 at α = 0.45", or "no barrier: the loss falls all the
 * way — often a bowl, as Goodfellow et al. found").
 */
export function lineWords(line: InterpolationAnswer): string {
  if (line.problem !== null) return `No line: ${line.problem}.`
  const ends =
    `From the initial weights (α = 0, loss ${short(line.start)}) to walker ${line.walker + 1}'s weights at step ` +
    `${line.step.toLocaleString('en')} (α = 1, loss ${short(line.end)}): `
  const b = line.barrier
  if (b.present)
    return (
      ends +
      `a barrier of ${short(b.height)} at α = ${b.at.toFixed(2)}: on the straight line the loss rises above both ` +
      'ends, so training went around it.'
    )
  if (line.monotone) return ends + 'no barrier: the loss falls all the way — often a bowl, as Goodfellow et al. found.'
  return (
    ends +
    'no barrier above the ends, though the loss does not fall all the way: it rises a little somewhere on the line.'
  )
}

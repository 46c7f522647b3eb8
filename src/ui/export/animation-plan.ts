/**
 * What an animation covers, as the reader sets it in the animation dialog:
 * N steps from a first step, one frame every so many steps, played at so many
 * frames a second. Pure: the dialog checks it and the tests count its frames.
 */
export interface AnimationPlan {
  /** Steps the animation covers (N). */
  steps: number
  /** Steps between two frames. */
  every: number
  /** The step of the first frame (0: the start of the run). */
  from: number
  /** Frames per second of playback. */
  fps: number
  /** Device pixels per CSS pixel of the map. */
  scale: number
}

export const MAX_ANIMATION_STEPS = 1_000_000
export const MAX_FRAMES = 600
export const MAX_FPS = 60

/**
 * One frame at `from`, then one every `every` steps up to `from + steps` (the last gap may be shorter):
 * 1 + ceil(steps / every) frames.
 */
export function frameSteps(plan: Pick<AnimationPlan, 'steps' | 'every' | 'from'>): number[] {
  const out = [plan.from]
  for (let s = plan.every; s < plan.steps; s += plan.every) out.push(plan.from + s)
  if (plan.steps > 0) out.push(plan.from + plan.steps)
  return out
}

export function frameCount(plan: Pick<AnimationPlan, 'steps' | 'every'>): number {
  return 1 + Math.ceil(plan.steps / plan.every)
}

const whole = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max

/** What is wrong with a plan, field by field, in words a student reads; an empty object when nothing is. */
export function planProblems(plan: AnimationPlan): Partial<Record<'steps' | 'every' | 'fps', string>> {
  const problems: Partial<Record<'steps' | 'every' | 'fps', string>> = {}
  if (!whole(plan.steps, 1, MAX_ANIMATION_STEPS))
    problems.steps =
      'the number of steps must be a whole number from 1 to ' + MAX_ANIMATION_STEPS.toLocaleString('en-US')
  if (!whole(plan.every, 1, Math.max(1, plan.steps)))
    problems.every = 'steps per frame must be a whole number from 1 to the number of steps'
  else if (!problems.steps && frameCount(plan) > MAX_FRAMES)
    problems.every =
      `that makes ${frameCount(plan).toLocaleString('en-US')} frames; ` +
      `at most ${MAX_FRAMES} (take more steps per frame)`
  if (!whole(plan.fps, 1, MAX_FPS)) problems.fps = `frames per second must be a whole number from 1 to ${MAX_FPS}`
  return problems
}

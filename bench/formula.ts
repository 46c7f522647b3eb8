import { create, all } from 'mathjs'
import { checkFormula, compileFormula } from '../src/core/formula'
import { portableMath } from '../src/core/portable-math'
import { atlasSurface } from '../src/core/surfaces'
import { fmt, rates, table, time } from './measure'

const mb = atlasSurface('muller-brown')!

/**
 * Müller-Brown's gradient written by hand, each term unrolled with its constants
 * inline and its exponential shared by value and gradient: the fastest plain JS
 * we know how to write, which the engine is measured against.
 */
export function handGradient(x: number, y: number, out: Float64Array): number {
  const x1 = x - 1
  const e1 = -200 * Math.exp(-x1 * x1 - 10 * y * y)
  const y2 = y - 0.5
  const e2 = -100 * Math.exp(-x * x - 10 * y2 * y2)
  const x3 = x + 0.5
  const y3 = y - 1.5
  const e3 = -170 * Math.exp(-6.5 * x3 * x3 + 11 * x3 * y3 - 6.5 * y3 * y3)
  const x4 = x + 1
  const y4 = y - 1
  const e4 = 15 * Math.exp(0.7 * x4 * x4 + 0.6 * x4 * y4 + 0.7 * y4 * y4)
  out[0] = e1 * (-2 * x1) + e2 * (-2 * x) + e3 * (-13 * x3 + 11 * y3) + e4 * (1.4 * x4 + 0.6 * y4)
  out[1] = e1 * (-20 * y) + e2 * (-20 * y2) + e3 * (11 * x3 - 13 * y3) + e4 * (0.6 * x4 + 1.4 * y4)
  return e1 + e2 + e3 + e4
}

/**
 * The same with the portable exp the engine uses for runs. Written out a second
 * time on purpose: one function shared by both would see two exps at one call
 * site and lose the inlining of Math.exp, slowing the baseline.
 */
export function handPortableGradient(x: number, y: number, out: Float64Array): number {
  const x1 = x - 1
  const e1 = -200 * portableExp(-x1 * x1 - 10 * y * y)
  const y2 = y - 0.5
  const e2 = -100 * portableExp(-x * x - 10 * y2 * y2)
  const x3 = x + 0.5
  const y3 = y - 1.5
  const e3 = -170 * portableExp(-6.5 * x3 * x3 + 11 * x3 * y3 - 6.5 * y3 * y3)
  const x4 = x + 1
  const y4 = y - 1
  const e4 = 15 * portableExp(0.7 * x4 * x4 + 0.6 * x4 * y4 + 0.7 * y4 * y4)
  out[0] = e1 * (-2 * x1) + e2 * (-2 * x) + e3 * (-13 * x3 + 11 * y3) + e4 * (1.4 * x4 + 0.6 * y4)
  out[1] = e1 * (-20 * y) + e2 * (-20 * y2) + e3 * (11 * x3 - 13 * y3) + e4 * (0.6 * x4 + 1.4 * y4)
  return e1 + e2 + e3 + e4
}

const portableExp = portableMath.exp

/** Points spread over the domain, so no branch predictor or cache sees one input. */
const M = 1024
const xs = Float64Array.from({ length: M }, (_, i) => -1.5 + 2.7 * ((i * 0.618034) % 1))
const ys = Float64Array.from({ length: M }, (_, i) => -0.2 + 2.2 * ((i * 0.381966 + 0.5) % 1))

/**
 * Each route gets its own copy of the loop: code of one source shares V8's
 * call-site feedback, so a shared loop would inline the first route measured
 * and leave the others behind a polymorphic call.
 */
let loops = 0

function gradientLoop(gradient: (x: number, y: number, out: Float64Array) => number) {
  // The comment makes each source unique: V8 caches compiled code by source text,
  // and loops with one text would share one call site after all.
  const loop = new Function(
    'gradient',
    'xs',
    'ys',
    'M',
    `// loop ${loops++}
    const out = new Float64Array(2)
    return (count) => {
      let s = 0
      for (let i = 0; i < count; i++) {
        const j = i & (M - 1)
        s += gradient(xs[j], ys[j], out) + out[0]
      }
      return s
    }`,
  )(gradient, xs, ys, M) as (count: number) => number
  return loop
}

export function formulaBenchmarks(): void {
  const compiled = compileFormula(mb.formula, { domain: mb.domain, math: 'native' })
  const portable = compileFormula(mb.formula, { domain: mb.domain })
  const tape = compileFormula(mb.formula, { domain: mb.domain, evaluator: 'tape', math: 'native' })
  if (!compiled.ok || !portable.ok || !tape.ok) throw new Error('Müller-Brown does not compile')

  // mathjs's own route: differentiate, compile, evaluate with a scope.
  const math = create(all)
  const tree = math.parse(mb.formula)
  const dx = math.derivative(tree, 'x', { simplify: false }).compile()
  const dy = math.derivative(tree, 'y', { simplify: false }).compile()
  const value = tree.compile()
  const mathjsGradient = (x: number, y: number, out: Float64Array) => {
    const scope = { x, y }
    out[0] = dx.evaluate(scope)
    out[1] = dy.evaluate(scope)
    return value.evaluate(scope)
  }

  // The fast routes interleaved among themselves, many rounds; the slow ones apart.
  const [hand, engine, handPortable, engineP] = rates(
    [handGradient, compiled.surface.gradient, handPortableGradient, portable.surface.gradient].map(gradientLoop),
    [1_000_000, 1_000_000, 500_000, 500_000],
    15,
  )
  const [tapeRate, mathjs] = rates([tape.surface.gradient, mathjsGradient].map(gradientLoop), [200_000, 10_000], 5)
  table('Müller-Brown gradient (value + dU/dx + dU/dy), evaluations per second', [
    { route: 'hand-written JS', 'evals/s': fmt(hand.perSecond), 'ns/eval': fmt(hand.ns), 'vs hand-written': 1 },
    {
      route: 'formula engine (generated)',
      'evals/s': fmt(engine.perSecond),
      'ns/eval': fmt(engine.ns),
      'vs hand-written': fmt(engine.perSecond / hand.perSecond),
    },
    {
      route: 'hand-written, portable exp',
      'evals/s': fmt(handPortable.perSecond),
      'ns/eval': fmt(handPortable.ns),
      'vs hand-written': fmt(handPortable.perSecond / hand.perSecond),
    },
    {
      route: 'formula engine, portable math (runs)',
      'evals/s': fmt(engineP.perSecond),
      'ns/eval': fmt(engineP.ns),
      'vs hand-written': fmt(engineP.perSecond / hand.perSecond),
    },
    {
      route: 'formula engine (tape, no eval)',
      'evals/s': fmt(tapeRate.perSecond),
      'ns/eval': fmt(tapeRate.ns),
      'vs hand-written': fmt(tapeRate.perSecond / hand.perSecond),
    },
    {
      route: 'mathjs compile().evaluate',
      'evals/s': fmt(mathjs.perSecond),
      'ns/eval': fmt(mathjs.ns),
      'vs hand-written': fmt(mathjs.perSecond / hand.perSecond),
    },
  ])
  console.log(`engine / hand-written = ${(engine.perSecond / hand.perSecond).toFixed(2)}x (target >= 0.8x)`)
  console.log(`engine / mathjs evaluate = ${(engine.perSecond / mathjs.perSecond).toFixed(0)}x (target >= 50x)`)
  console.log(
    'with the portable math runs use (same bits in every engine): ' +
      `engine / hand-written with the same exp = ${(engineP.perSecond / handPortable.perSecond).toFixed(2)}x`,
  )

  const ms = time(() => checkFormula(mb.formula), 9)
  const msCompile = time(() => compileFormula(mb.formula, { domain: mb.domain }), 9)
  console.log(
    `\nMüller-Brown compile: check + derivatives ${ms.toFixed(1)} ms; ` +
      `with code generation ${msCompile.toFixed(1)} ms (target < 50 ms)`,
  )
}

import { describe, expect, it } from 'vitest'
import { methodById } from '../methods'
import { Noise, STREAM, uniformOpen } from '../noise'
import { formulaSurface, path, testLane } from '../../../testing/test-lane'

/**
 * The first three steps of every optimizer against values worked out by hand from its
 * update rule (written out below, never by calling the method's code), to 1e-12.
 *
 * Q = x^2 + 3 y^2 + x y: grad Q = (2x + y, x + 6y), Hessian [[2, 1], [1, 6]].
 * C = x^4 - x y + y^2: grad C = (4x^3 - y, -x + 2y), Hessian [[12x^2, -1], [-1, 2]],
 * indefinite for |x| < 1/sqrt(24), where curvature matters.
 */
const Q = formulaSurface('x^2 + 3*y^2 + x*y')
const C = formulaSurface('x^4 - x*y + y^2')
const gradQ = (x: number, y: number): [number, number] => [2 * x + y, x + 6 * y]
const gradC = (x: number, y: number): [number, number] => [4 * x ** 3 - y, -x + 2 * y]
const valueC = (x: number, y: number) => x ** 4 - x * y + y ** 2

type Point = [number, number]

function expectSteps(actual: Point[], expected: Point[]): void {
  expect(actual).toHaveLength(expected.length)
  expected.forEach(([x, y], k) => {
    expect(Math.abs(actual[k][0] - x), `x after step ${k + 1}: ${actual[k][0]} vs ${x}`).toBeLessThanOrEqual(1e-12)
    expect(Math.abs(actual[k][1] - y), `y after step ${k + 1}: ${actual[k][1]} vs ${y}`).toBeLessThanOrEqual(1e-12)
  })
}

function steps(
  method: string,
  surface = Q,
  settings: Record<string, unknown> = {},
  start: Point = [1, 1],
  seed = 1,
): Point[] {
  return path(testLane({ surface, method, settings, start: { kind: 'point', x: start[0], y: start[1] }, seed }), 3)
}

describe('first three steps, worked by hand', () => {
  it('gd: x <- x - lr g', () => {
    // lr 0.1 from (1, 1): g = (3, 7) -> (0.7, 0.3); g = (1.7, 2.5) -> (0.53, 0.05); g = (1.11, 0.83).
    expectSteps(steps('gd', Q, { lr: 0.1 }), [
      [0.7, 0.3],
      [0.53, 0.05],
      [0.419, -0.033],
    ])
  })

  it("momentum: b <- mu b + g; x <- x - lr b (and Polyak's form holds)", () => {
    // lr 0.1, mu 0.9 from (1, 1).
    // 1: g = (3, 7), b = (3, 7), x = (1 - 0.3, 1 - 0.7) = (0.7, 0.3)
    // 2: g = (1.7, 2.5), b = (2.7 + 1.7, 6.3 + 2.5) = (4.4, 8.8), x = (0.7 - 0.44, 0.3 - 0.88) = (0.26, -0.58)
    // 3: g = (0.52 - 0.58, 0.26 - 3.48) = (-0.06, -3.22), b = (3.96 - 0.06, 7.92 - 3.22) = (3.9, 4.7),
    //    x = (0.26 - 0.39, -0.58 - 0.47) = (-0.13, -1.05)
    const got = steps('momentum', Q, { lr: 0.1, momentum: 0.9 })
    expectSteps(got, [
      [0.7, 0.3],
      [0.26, -0.58],
      [-0.13, -1.05],
    ])
    // Polyak: x3 = x2 - lr g2 + mu (x2 - x1).
    expect(Math.abs(got[2][0] - (0.26 - 0.1 * -0.06 + 0.9 * (0.26 - 0.7)))).toBeLessThanOrEqual(1e-12)
    expect(Math.abs(got[2][1] - (-0.58 - 0.1 * -3.22 + 0.9 * (-0.58 - 0.3)))).toBeLessThanOrEqual(1e-12)
  })

  it('nesterov: b <- mu b + g; x <- x - lr (g + mu b)', () => {
    // lr 0.1, mu 0.9 from (1, 1).
    // 1: g = (3, 7), b = (3, 7), g + mu b = (5.7, 13.3), x = (0.43, -0.33)
    // 2: g = (0.86 - 0.33, 0.43 - 1.98) = (0.53, -1.55), b = (3.23, 4.75), g + mu b = (3.437, 2.725),
    //    x = (0.43 - 0.3437, -0.33 - 0.2725) = (0.0863, -0.6025)
    // 3: g = (0.1726 - 0.6025, 0.0863 - 3.615) = (-0.4299, -3.5287), b = (2.4771, 0.7463),
    //    g + mu b = (1.79949, -2.85703), x = (0.0863 - 0.179949, -0.6025 + 0.285703)
    expectSteps(steps('nesterov', Q, { lr: 0.1, momentum: 0.9 }), [
      [0.43, -0.33],
      [0.0863, -0.6025],
      [-0.093649, -0.316797],
    ])
  })

  it('adagrad: s <- s + g^2; x <- x - lr g / (sqrt(s) + eps)', () => {
    // lr 0.1, eps 1e-10, initial accumulator 1, from (1, 1).
    const eps = 1e-10
    // 1: g = (3, 7), s = (1 + 9, 1 + 49)
    const x1 = 1 - (0.1 * 3) / (Math.sqrt(10) + eps)
    const y1 = 1 - (0.1 * 7) / (Math.sqrt(50) + eps)
    // 2: g = grad Q(x1, y1), s += g^2
    const [g1x, g1y] = gradQ(x1, y1)
    const s2x = 10 + g1x * g1x
    const s2y = 50 + g1y * g1y
    const x2 = x1 - (0.1 * g1x) / (Math.sqrt(s2x) + eps)
    const y2 = y1 - (0.1 * g1y) / (Math.sqrt(s2y) + eps)
    // 3
    const [g2x, g2y] = gradQ(x2, y2)
    const x3 = x2 - (0.1 * g2x) / (Math.sqrt(s2x + g2x * g2x) + eps)
    const y3 = y2 - (0.1 * g2y) / (Math.sqrt(s2y + g2y * g2y) + eps)
    expectSteps(steps('adagrad', Q, { lr: 0.1, initialAccumulator: 1 }), [
      [x1, y1],
      [x2, y2],
      [x3, y3],
    ])
    // Its eps help says what it divides by: the root of a sum, not a root-mean-square.
    const help = methodById('adagrad')!.params.find((p) => p.name === 'eps')!.help
    expect(help).toMatch(/root of the sum/)
    expect(help).not.toMatch(/mean/)
  })

  it('rmsprop: v <- alpha v + (1 - alpha) g^2; x <- x - lr g / (sqrt(v) + eps)', () => {
    // lr 0.1, alpha 0.9, eps 1e-8 from (1, 1).
    const eps = 1e-8
    // 1: g = (3, 7), v = 0.1 (9, 49)
    const v1x = 0.1 * 9
    const v1y = 0.1 * 49
    const x1 = 1 - (0.1 * 3) / (Math.sqrt(v1x) + eps)
    const y1 = 1 - (0.1 * 7) / (Math.sqrt(v1y) + eps)
    const [g1x, g1y] = gradQ(x1, y1)
    const v2x = 0.9 * v1x + 0.1 * g1x * g1x
    const v2y = 0.9 * v1y + 0.1 * g1y * g1y
    const x2 = x1 - (0.1 * g1x) / (Math.sqrt(v2x) + eps)
    const y2 = y1 - (0.1 * g1y) / (Math.sqrt(v2y) + eps)
    const [g2x, g2y] = gradQ(x2, y2)
    const x3 = x2 - (0.1 * g2x) / (Math.sqrt(0.9 * v2x + 0.1 * g2x * g2x) + eps)
    const y3 = y2 - (0.1 * g2y) / (Math.sqrt(0.9 * v2y + 0.1 * g2y * g2y) + eps)
    expectSteps(steps('rmsprop', Q, { lr: 0.1, alpha: 0.9 }), [
      [x1, y1],
      [x2, y2],
      [x3, y3],
    ])
  })

  /**
   * Adam with lr 0.1 and PyTorch's betas (0.9, 0.999), eps 1e-8, from (1, 1); AdamW first
   * multiplies x by (1 - lr wd). m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
   * x <- x - lr mhat / (sqrt(vhat) + eps), mhat = m / (1 - b1^k), vhat = v / (1 - b2^k).
   */
  function adamByHand(decay: number): Point[] {
    const eps = 1e-8
    // 1: m = 0.1 g, v = 0.001 g^2, mhat = g, vhat = g^2 with g = (3, 7): each axis moves by about lr.
    let m: Point = [0.1 * 3, 0.1 * 7]
    let v: Point = [0.001 * 9, 0.001 * 49]
    const x1 = decay * 1 - (0.1 * (m[0] / 0.1)) / (Math.sqrt(v[0] / 0.001) + eps)
    const y1 = decay * 1 - (0.1 * (m[1] / 0.1)) / (Math.sqrt(v[1] / 0.001) + eps)
    // 2: bias corrections 1 - 0.9^2 = 0.19 and 1 - 0.999^2 = 0.001999.
    let g = gradQ(x1, y1)
    m = [0.9 * m[0] + 0.1 * g[0], 0.9 * m[1] + 0.1 * g[1]]
    v = [0.999 * v[0] + 0.001 * g[0] ** 2, 0.999 * v[1] + 0.001 * g[1] ** 2]
    const x2 = decay * x1 - (0.1 * (m[0] / 0.19)) / (Math.sqrt(v[0] / 0.001999) + eps)
    const y2 = decay * y1 - (0.1 * (m[1] / 0.19)) / (Math.sqrt(v[1] / 0.001999) + eps)
    // 3: 1 - 0.9^3 = 0.271, 1 - 0.999^3 = 0.002997001.
    g = gradQ(x2, y2)
    m = [0.9 * m[0] + 0.1 * g[0], 0.9 * m[1] + 0.1 * g[1]]
    v = [0.999 * v[0] + 0.001 * g[0] ** 2, 0.999 * v[1] + 0.001 * g[1] ** 2]
    const x3 = decay * x2 - (0.1 * (m[0] / 0.271)) / (Math.sqrt(v[0] / 0.002997001) + eps)
    const y3 = decay * y2 - (0.1 * (m[1] / 0.271)) / (Math.sqrt(v[1] / 0.002997001) + eps)
    return [
      [x1, y1],
      [x2, y2],
      [x3, y3],
    ]
  }

  it('adam: bias-corrected moments', () => {
    expectSteps(steps('adam', Q, { lr: 0.1 }), adamByHand(1))
  })

  it('adamw: x <- (1 - lr wd) x, then the Adam step with the gradient at the old x', () => {
    // wd 0.5: the decay factor is 1 - 0.1 * 0.5 = 0.95.
    expectSteps(steps('adamw', Q, { lr: 0.1, weightDecay: 0.5 }), adamByHand(0.95))
  })

  it('newton: x <- x - lr (H + mu I)^-1 g', () => {
    // lr 0.8, mu 0.5 on C from (1, 1): g = (3, 1), H + mu I = [[12.5, -1], [-1, 2.5]], det = 30.25,
    // (H + mu I)^-1 g = (2.5 * 3 + 1, 12.5 * 1 + 3) / 30.25 = (8.5, 15.5) / 30.25.
    const byHand: Point[] = [[1 - (0.8 * 8.5) / 30.25, 1 - (0.8 * 15.5) / 30.25]]
    for (let k = 1; k < 3; k++) {
      const [x, y] = byHand[k - 1]
      const [gx, gy] = gradC(x, y)
      const a = 12 * x * x + 0.5
      const d = 2 + 0.5
      const det = a * d - 1
      // Cramer's rule with the off-diagonal -1.
      byHand.push([x - (0.8 * (d * gx + gy)) / det, y - (0.8 * (a * gy + gx)) / det])
    }
    expectSteps(steps('newton', C, { lr: 0.8, damping: 0.5 }), byHand)
  })

  describe('saddle-free-newton: x <- x - lr |H|^-1 g, |eigenvalues| floored at mu', () => {
    // On C from (0.1, 0.3), where H = [[0.12, -1], [-1, 2]] has eigenvalues
    // 1.06 -+ sqrt(0.94^2 + 1) = -0.3124 and 2.4324. |H|^-1 by the spectral projectors
    // P+ = (H - l- I)/(l+ - l-), P- = (H - l+ I)/(l- - l+): |H|^-1 = P+ / max(|l+|, mu) + P- / max(|l-|, mu).
    function byHand(mu: number): Point[] {
      const out: Point[] = []
      let [x, y] = [0.1, 0.3]
      for (let k = 0; k < 3; k++) {
        const [gx, gy] = gradC(x, y)
        const [a, b, c] = [12 * x * x, -1, 2]
        const mean = (a + c) / 2
        const radius = Math.sqrt(((a - c) / 2) ** 2 + b * b)
        const [hi, lo] = [mean + radius, mean - radius]
        const fHi = Math.max(Math.abs(hi), mu)
        const fLo = Math.max(Math.abs(lo), mu)
        // Entries of P+ (P- = I - P+).
        const [pa, pb, pc] = [(a - lo) / (hi - lo), b / (hi - lo), (c - lo) / (hi - lo)]
        const dx = (pa * gx + pb * gy) / fHi + ((1 - pa) * gx - pb * gy) / fLo
        const dy = (pb * gx + pc * gy) / fHi + (-pb * gx + (1 - pc) * gy) / fLo
        ;[x, y] = [x - dx, y - dy]
        out.push([x, y])
      }
      return out
    }

    it('mu 0.1: the negative eigenvalue -0.3124 is used as +0.3124', () => {
      expectSteps(steps('saddle-free-newton', C, { damping: 0.1 }, [0.1, 0.3]), byHand(0.1))
    })

    it('mu 0.5: it is floored at 0.5', () => {
      expectSteps(steps('saddle-free-newton', C, { damping: 0.5 }, [0.1, 0.3]), byHand(0.5))
    })
  })

  it('lbfgs: two-loop direction written as the L-BFGS matrix, Armijo steps', () => {
    // On C from (1, 1), defaults (lr 1, memory 10). H_k^-1 approximations as 2x2 matrices:
    // with pairs (s_j, y_j), rho_j = 1/(s_j.y_j), V_j = I - rho_j y_j s_j^T and H_0 = gamma I,
    // gamma = s.y/y.y of the newest pair: H = V_1^T (V_0^T H_0 V_0 + rho_0 s_0 s_0^T) V_1 + rho_1 s_1 s_1^T.
    type M = [number, number, number, number] // row-major a b / c d
    const mul = (p: M, q: M): M => [
      p[0] * q[0] + p[1] * q[2],
      p[0] * q[1] + p[1] * q[3],
      p[2] * q[0] + p[3] * q[2],
      p[2] * q[1] + p[3] * q[3],
    ]
    const T = (p: M): M => [p[0], p[2], p[1], p[3]]
    const add = (p: M, q: M): M => [p[0] + q[0], p[1] + q[1], p[2] + q[2], p[3] + q[3]]
    const update = (h: M, s: Point, y: Point): M => {
      const rho = 1 / (s[0] * y[0] + s[1] * y[1])
      const V: M = [1 - rho * y[0] * s[0], -rho * y[0] * s[1], -rho * y[1] * s[0], 1 - rho * y[1] * s[1]]
      return add(mul(T(V), mul(h, V)), [rho * s[0] * s[0], rho * s[0] * s[1], rho * s[1] * s[0], rho * s[1] * s[1]])
    }
    const gammaI = (s: Point, y: Point): M => {
      const gamma = (s[0] * y[0] + s[1] * y[1]) / (y[0] * y[0] + y[1] * y[1])
      return [gamma, 0, 0, gamma]
    }
    const armijo = (p: Point, g: Point, d: Point, alpha: number) =>
      valueC(p[0] + alpha * d[0], p[1] + alpha * d[1]) <=
      valueC(p[0], p[1]) + 1e-4 * alpha * (g[0] * d[0] + g[1] * d[1])

    // 1: empty memory, d = -g = (-3, -1), first trial step length 1: alpha = 1/|d| = 1/sqrt(10).
    const p0: Point = [1, 1]
    const g0 = gradC(...p0)
    const d0: Point = [-g0[0], -g0[1]]
    expect(armijo(p0, g0, d0, 1 / Math.sqrt(10))).toBe(true)
    const p1: Point = [1 - 3 / Math.sqrt(10), 1 - 1 / Math.sqrt(10)]
    // 2: one pair; trial alpha = 1.
    const g1 = gradC(...p1)
    const s0: Point = [p1[0] - p0[0], p1[1] - p0[1]]
    const y0: Point = [g1[0] - g0[0], g1[1] - g0[1]]
    const h1 = update(gammaI(s0, y0), s0, y0)
    const d1: Point = [-(h1[0] * g1[0] + h1[1] * g1[1]), -(h1[2] * g1[0] + h1[3] * g1[1])]
    expect(armijo(p1, g1, d1, 1)).toBe(true)
    const p2: Point = [p1[0] + d1[0], p1[1] + d1[1]]
    // 3: two pairs, H_0 rescaled by the newest.
    const g2 = gradC(...p2)
    const s1: Point = [p2[0] - p1[0], p2[1] - p1[1]]
    const y1: Point = [g2[0] - g1[0], g2[1] - g1[1]]
    const h2 = update(update(gammaI(s1, y1), s0, y0), s1, y1)
    const d2: Point = [-(h2[0] * g2[0] + h2[1] * g2[1]), -(h2[2] * g2[0] + h2[3] * g2[1])]
    expect(armijo(p2, g2, d2, 1)).toBe(true)
    const p3: Point = [p2[0] + d2[0], p2[1] + d2[1]]
    expectSteps(steps('lbfgs', C), [p1, p2, p3])
  })

  it('lbfgs: a failed trial backtracks to the minimiser of the quadratic fit', () => {
    // lr 10 on Q from (1, 1): d = -g = (-3, -7), first trial alpha = 10/sqrt(58) (step length 10) fails.
    // Along d, Q(alpha) = 5 - 58 alpha + 354 alpha^2 / 2 (g.g = 58, g.H.g = 354), so the quadratic
    // fit is exact: alpha = 58/354, inside [0.1, 0.5] of the first trial, and it passes.
    const alpha = 58 / 354
    expectSteps(steps('lbfgs', Q, { lr: 10 }).slice(0, 1), [[1 - 3 * alpha, 1 - 7 * alpha]])
  })

  it('perturbed-gd: a stalled walker is kicked uniformly in the disc, then descends', () => {
    // On Q from (1e-4, 0): |g| = |(2e-4, 1e-4)| <= gThreshold 1e-3, so step 1 is the kick
    // xi = r sqrt(u1) (cos 2 pi u2, sin 2 pi u2), r = 0.1, from stream STREAM.perturb of walker 0, step 0.
    // Steps 2 and 3 are gradient descent with lr 0.1 (the next kick waits tThreshold = 100 steps).
    const seed = 7
    const words = new Noise(seed).draw(0, 0, STREAM.perturb)
    const r = 0.1 * Math.sqrt(uniformOpen(words[0]))
    const angle = 2 * Math.PI * uniformOpen(words[1])
    const x1 = 1e-4 + r * Math.cos(angle)
    const y1 = 0 + r * Math.sin(angle)
    const x2 = x1 - 0.1 * (2 * x1 + y1)
    const y2 = y1 - 0.1 * (x1 + 6 * y1)
    const x3 = x2 - 0.1 * (2 * x2 + y2)
    const y3 = y2 - 0.1 * (x2 + 6 * y2)
    expectSteps(steps('perturbed-gd', Q, { lr: 0.1 }, [1e-4, 0], seed), [
      [x1, y1],
      [x2, y2],
      [x3, y3],
    ])
  })

  it('sgld: x <- x - lr g + sqrt(2 lr kT) xi', () => {
    // lr 0.01, kT 0.5 on Q from (1, 1): sqrt(2 * 0.01 * 0.5) = 0.1; xi_t from stream STREAM.perturb, step t.
    const seed = 11
    const noise = new Noise(seed)
    const xi = new Float64Array(2)
    const byHand: Point[] = []
    let [x, y] = [1, 1]
    for (let t = 0; t < 3; t++) {
      noise.normal2(0, t, STREAM.perturb, xi)
      ;[x, y] = [x - 0.01 * (2 * x + y) + 0.1 * xi[0], y - 0.01 * (x + 6 * y) + 0.1 * xi[1]]
      byHand.push([x, y])
    }
    expectSteps(steps('sgld', Q, { lr: 0.01, kT: 0.5 }, [1, 1], seed), byHand)
  })
})

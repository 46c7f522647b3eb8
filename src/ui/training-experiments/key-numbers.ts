import { formatSignificant } from '../panels/numbers'

/**
 * The numbers of each training experiment's run that make its point, in words, in the order the
 * page lists them; the rest stay under "every number the check read". Each row is [words, value as
 * the page writes it]; a number the run did not note leaves its row out.
 */

type Numbers = Readonly<Record<string, number>>
type Row = [string, string]

const f = (v: number, digits = 4) => formatSignificant(v, digits)

function plateau(n: Numbers): Row[] {
  const rows: Row[] = []
  const starts = n['starts'] ?? 0
  const modes = n['modes'] ?? 0
  for (let j = 1; j <= starts; j++) {
    const tag = `start ${j}`
    const steps = n[`steps, mode 1, ${tag}`]
    const formula = n[`formula, mode 1, ${tag}`]
    if (steps !== undefined && formula !== undefined)
      rows.push([`strong pattern from u0 = ${n[`u0, ${tag}`]}: steps to s/2`, `${f(steps)} (formula ${f(formula)})`])
  }
  const last = `start ${starts}`
  const weak = n[`steps, mode ${modes}, ${last}`]
  const weakFormula = n[`formula, mode ${modes}, ${last}`]
  if (modes > 1 && weak !== undefined && weakFormula !== undefined)
    rows.push([`weak pattern from u0 = ${n[`u0, ${last}`]}: steps to s/2`, `${f(weak)} (formula ${f(weakFormula)})`])
  const first = n['steps, mode 1, start 1']
  const lastSteps = n[`steps, mode 1, ${last}`]
  const u0First = n['u0, start 1']
  const u0Last = n[`u0, ${last}`]
  const s = n['strength 1']
  const lr = n['lr']
  if ([first, lastSteps, u0First, u0Last, s, lr].every((x) => x !== undefined) && starts > 1) {
    const extra = Math.log(u0First! / u0Last!) / (2 * lr! * s!)
    rows.push([
      `strong pattern's extra wait from a start ${f(u0First! / u0Last!, 3)} times smaller`,
      `${f(lastSteps! - first!)} (formula ${f(extra)})`,
    ])
  }
  const lmin = n[`lambda_min, ${last}`]
  if (lmin !== undefined && s !== undefined)
    rows.push([`most negative curvature at the start (u0 = ${u0Last})`, `${f(lmin)} (−s = ${f(-s)})`])
  const index = n[`index at the end, ${last}`]
  if (index !== undefined) rows.push(['negative curvatures left after learning', f(index)])
  return rows
}

function saddle(n: Numbers): Row[] {
  const rows: Row[] = []
  const walkers = n['sgd walkers']
  const escaped = n['sgd walkers escaped']
  if (walkers !== undefined && escaped !== undefined)
    rows.push([`SGD runs (B = ${n['batch']}) that left the saddle`, `${escaped} of ${walkers}`])
  const median = n['sgd median escape step']
  if (median !== undefined) rows.push(['their median step of leaving', f(median)])
  const gd = n['gd |w1| at the end']
  if (gd !== undefined) rows.push([`gradient descent's |w1| after ${n['steps']} steps`, f(gd)])
  const estimate = n['gd steps to escape, linear estimate']
  if (estimate !== undefined) rows.push(['steps gradient descent would need to leave', f(estimate, 3)])
  const same = n['full-batch sgd follows gd bit for bit']
  if (same !== undefined)
    rows.push([`SGD with B = N = ${n['examples']} repeats gradient descent bit for bit`, same === 1 ? 'yes' : 'no'])
  return rows
}

function langevin(n: Numbers): Row[] {
  const rows: Row[] = []
  const T = n['temperature T = lr c_B / 2']
  if (T !== undefined) rows.push(['temperature T = lr c_B / 2', f(T)])
  for (const j of [1, 2]) {
    const tag = `direction ${j}`
    const [sgd, lan, exact, wrong, z] = [
      n[`sgd variance, ${tag}`],
      n[`langevin variance, ${tag}`],
      n[`exact variance, ${tag}`],
      n[`wrong-temperature variance, ${tag}`],
      n[`z sgd vs wrong temperature, ${tag}`],
    ]
    const which = `${j === 1 ? 'stiff' : 'soft'} direction (k = ${n[`curvature, ${tag}`]})`
    if (sgd !== undefined && lan !== undefined && exact !== undefined)
      rows.push([`${which}: SGD, Langevin, exact`, `${f(sgd)}, ${f(lan)}, ${f(exact)}`])
    if (wrong !== undefined && z !== undefined)
      rows.push([`${which}: Langevin, with-replacement kT`, `${f(wrong)} (z = ${f(z, 3)})`])
  }
  return rows
}

function directions(n: Numbers): Row[] {
  const named: [string, string, number?][] = [
    ['lambda_max, dense', 'λ_max (the whole spectrum)'],
    ['slice curvature along the top eigenvector', 'curvature along the top eigenvector'],
    ['slice curvature along the second eigenvector', 'curvature along the second eigenvector'],
    ['mean curvature tr(H)/P', 'mean curvature tr(H)/P'],
    ['mean random curvature / lambda_max', 'mean random-direction curvature / λ_max', 3],
    ['largest random curvature / lambda_max', 'largest random-direction curvature / λ_max', 3],
    ['accuracy after training', 'accuracy after training', 3],
  ]
  const rows: Row[] = []
  for (const [name, words, digits] of named) {
    const value = n[name]
    if (value !== undefined) rows.push([words, f(value, digits ?? 4)])
  }
  return rows
}

const KEY: Readonly<Record<string, (n: Numbers) => Row[]>> = {
  'deep-linear-plateau': plateau,
  'sgd-escapes-saddle': saddle,
  'langevin-for-sgd': langevin,
  'random-vs-hessian-directions': directions,
}

/** The key numbers of experiment `id`'s run, in words: [words, value]. */
export function trainingKeyNumbers(id: string, numbers: Numbers): Row[] {
  return Object.hasOwn(KEY, id) ? KEY[id]!(numbers) : []
}

/**
 * The numbers of each experiment's reading that make its point, in the order the page lists them,
 * with the words the page uses for them; the rest stay under "every number the check read".
 */
const KEY_NUMBERS: Readonly<Record<string, readonly (readonly [string, string])[]>> = {
  'lj7-metadynamics': [
    ['F(other shapes) - F(hexagon) / kT', 'F(other shapes) − F(hexagon), metadynamics, in kT'],
    ['reference F(other shapes) - F(hexagon) / kT', 'the same from parallel tempering, in kT'],
    ['rms z', 'rms z after 200,000 steps (agreement: below 2)'],
    ['rms z early', 'rms z after 2,000 steps'],
    ['bins compared', 'bins compared'],
  ],
  'lj7-isomer-rates': [
    ['graph barrier out of the hexagon', "the landscape graph's barrier out of the hexagon"],
    ['fitted barrier', 'barrier from the Arrhenius fit'],
    ['fit stderr', 'standard error of the fit'],
    ['speed-up from the coldest to the warmest', 'rate at kT 0.20 over rate at kT 0.16'],
  ],
  'ab13-descent-vs-annealing': [
    ['ground state', 'folded ground state'],
    ['share of descents at the ground state', 'share of descents reaching it'],
    ['lowest descent', 'lowest descent'],
    ['median descent', 'median descent'],
    ['median annealed', 'median annealed chain'],
    ['lowest annealed', 'lowest annealed chain'],
    ['annealed chains below the descents median', "annealed chains below the descents' median"],
  ],
  'lj38-double-funnel': [
    ['fcc energy', 'fcc global minimum'],
    ['icosahedral energy', 'icosahedral minimum'],
    ['runs finding fcc', 'runs finding the fcc minimum'],
    ['runs ending icosahedral', 'runs ending icosahedral (Q4 < 0.1)'],
    ['highest best', 'highest best energy of a run'],
  ],
}

/** The key numbers of experiment `id` that its reading holds: [words, value]. */
export function keyNumbers(id: string, numbers: Readonly<Record<string, number>>): [string, number][] {
  const out: [string, number][] = []
  for (const [name, words] of KEY_NUMBERS[id] ?? []) {
    const value = numbers[name]
    if (value !== undefined) out.push([words, value])
  }
  if (id === 'lj7-isomer-rates')
    for (const [name, value] of Object.entries(numbers)) if (name.startsWith('rate at kT ')) out.push([name, value])
  return out
}

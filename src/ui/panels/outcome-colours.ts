import { OUTCOMES, type Outcome } from '../../core/studies/attraction'

/**
 * The colours of the basin-of-attraction map and its legend, one per outcome,
 * from Paul Tol's qualitative schemes (https://personal.sron.nl/~pault/):
 * mostly light, so contours, walkers and trails stay readable on top, and
 * apart from the lane colours (lanes/lane-colours.ts) for every reader. Checked
 * with CIEDE2000, also under simulated deuteranopia, protanopia and tritanopia
 * (Machado et al. 2009): outcomes differ from each other by at least 15 for
 * normal vision and 6.8 for any of the three, and from the lane colours by at
 * least 10 and 5.7. The map keeps them in the dark theme.
 */
export const OUTCOME_COLOURS: Readonly<Record<Outcome, string>> = {
  'global minimum': '#44BB99',
  'local minimum': '#AA4499',
  saddle: '#EE8866',
  maximum: '#FFCCCC',
  plateau: '#EEEEBB',
  oscillating: '#CCBB44',
  diverged: '#BBBBBB',
  // Not settled within the step limit: no answer, so no colour.
  running: '#FFFFFF',
}

/** By OUTCOME code (the values of AttractionMap.outcome), for drawing a map cell by cell. */
export const OUTCOME_COLOUR_LIST: readonly string[] = OUTCOMES.map((o) => OUTCOME_COLOURS[o])

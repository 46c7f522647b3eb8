import { makeDataset, userDataset, type Dataset } from '../core/training/data'
import { Network } from '../core/training/network'
import type { TrainingSetup } from './training-protocol'

/** The data set a setup names (generated, or the clicked points). Throws a RangeError with a message. */
export function setupDataset(setup: TrainingSetup): Dataset {
  if (setup.data === 'user') return userDataset(setup.userPoints ?? [])
  return makeDataset(setup.data, { points: setup.points, noise: setup.noise, seed: setup.seed })
}

/** The network a setup trains, on its data set: the same in every worker that builds it. */
export function setupNetwork(setup: TrainingSetup): Network {
  const spec = { layers: setup.layers, activation: setup.activation, loss: setup.loss, l2: setup.l2 }
  return new Network(spec, setupDataset(setup))
}

/** What fixes a setup's network and data (not its method, rate or walkers), as a string to compare. */
export function networkKey(setup: TrainingSetup): string {
  const { data, points, noise, seed, layers, activation, loss, l2, userPoints } = setup
  return JSON.stringify([data, points, noise, seed, layers, activation, loss, l2, data === 'user' ? userPoints : null])
}

export * from './types'
export { defaultScenario, DEFAULT_SEED } from './defaults'
export { validateScenario, type ScenarioProblem, type ValidatedScenario } from './validate'
export { buildLane, buildLanes } from './build'

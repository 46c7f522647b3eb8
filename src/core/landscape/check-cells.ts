import type { CompiledSurface } from '../surface'
import { labelsInCell, type BasinMap } from './basins'
import { logSumExp } from './boltzmann'
import { cellMasses } from './populations'

/** Blocks per axis of the check's coarse cells. */
export const CHECK_BLOCKS = 10

/**
 * The coarse cells a sampler's run is checked on: blocks of the basin map's cells
 * (CHECK_BLOCKS per axis, each whole map cells, so their exact probabilities are
 * sums of the map's own quadrature), split by basin. A sample falls in one pair
 * (block, basin), and the exact probability of every pair is known, so the
 * histogram can be compared within each basin apart from the basins' populations.
 * Basin -1 (no minimum reached, such as flows that leave the domain) is a basin of
 * its own here, the last one (index `basins - 1`).
 */
export class CheckCells {
  readonly blocks: number
  /** Basins counted, the last being "no basin". */
  readonly basins: number
  /** The pairs a sample can fall in: pairBlock[p], pairBasin[p]. */
  readonly pairBlock: Int32Array
  readonly pairBasin: Int32Array
  /** The block of each map cell, and the pair of each (block, basin + 1). */
  private readonly blockOf: Int32Array
  private readonly pairOf: Int32Array

  constructor(readonly map: BasinMap) {
    const { cx, cy } = map.cells
    const bx = Math.min(CHECK_BLOCKS, cx)
    const by = Math.min(CHECK_BLOCKS, cy)
    this.blocks = bx * by
    this.basins = map.minima.length + 1
    this.blockOf = Int32Array.from(
      { length: cx * cy },
      (_, cell) => Math.floor(((cell % cx) * bx) / cx) + bx * Math.floor((Math.floor(cell / cx) * by) / cy),
    )
    this.pairOf = new Int32Array(this.blocks * this.basins).fill(-1)
    const blocks: number[] = []
    const basins: number[] = []
    for (let cell = 0; cell < cx * cy; cell++) {
      for (const label of labelsInCell(map, cell)) {
        const key = this.blockOf[cell]! * this.basins + this.slot(label)
        if (this.pairOf[key]! >= 0) continue
        this.pairOf[key] = blocks.length
        blocks.push(this.blockOf[cell]!)
        basins.push(this.slot(label))
      }
    }
    this.pairBlock = Int32Array.from(blocks)
    this.pairBasin = Int32Array.from(basins)
  }

  get pairs(): number {
    return this.pairBlock.length
  }

  /** The pair of a sample in map cell `cell` (cellAt; -1 outside the domain) and basin `label` (basinInCell), or -1. */
  pair(cell: number, label: number): number {
    return cell < 0 ? -1 : this.pairOf[this.blockOf[cell]! * this.basins + this.slot(label)]!
  }

  /**
   * The exact probability of every pair at kT, by the map's quadrature (normalised
   * over the domain). The last few are kept: runs at the same kT on the same map
   * (the page's lanes, a test's seeds) pay for the quadrature once.
   */
  exact(surface: CompiledSurface, kT: number): Float64Array {
    const key = `${kT}`
    const known = this.exactCache.get(key)
    if (known && known.surface === surface) return known.p
    const p = this.integrate(surface, kT)
    if (this.exactCache.size >= 4) this.exactCache.delete(this.exactCache.keys().next().value!)
    this.exactCache.set(key, { surface, p })
    return p
  }

  private readonly exactCache = new Map<string, { surface: CompiledSurface; p: Float64Array }>()

  private integrate(surface: CompiledSurface, kT: number): Float64Array {
    const logs: number[][] = Array.from({ length: this.pairs }, () => [])
    const all: number[] = []
    cellMasses(surface, this.map, kT, (cell, label, logW) => {
      const p = this.pairOf[this.blockOf[cell]! * this.basins + this.slot(label)]!
      logs[p]!.push(logW)
      all.push(logW)
    })
    const logZ = logSumExp(all)
    return Float64Array.from(logs, (l) => Math.exp(logSumExp(l) - logZ))
  }

  private slot(label: number): number {
    return label < 0 ? this.basins - 1 : label
  }
}

const shared = new WeakMap<BasinMap, CheckCells>()

/** The check's cells of a basin map, made once per map. */
export function checkCellsOf(map: BasinMap): CheckCells {
  let cells = shared.get(map)
  if (!cells) {
    cells = new CheckCells(map)
    shared.set(map, cells)
  }
  return cells
}

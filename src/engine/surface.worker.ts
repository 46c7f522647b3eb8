import { analyseSurface } from '../core/landscape/surface-analysis'
// compile.ts directly, not the formula index: the index also exports checkFormula, which needs mathjs.
import { compileProgram } from '../core/formula/compile'
import { sampleGrid } from './grid'
import { gridBuffers, type SurfaceService } from './protocol'
import { serve } from './serve'

/**
 * Samples a checked surface for the plots, and analyses it once for the page
 * and every worker that runs on it (critical points, saddles, basins). Only the
 * newest waiting request is worked on: the page drops answers to older ones.
 */
serve<SurfaceService>(
  {
    view(request, context) {
      const parameters = new Map(request.parameters)
      // The plots are drawn with the engine's native Math (faster, and nothing here moves walkers); the analysis
      // uses the portable Math the runs use, so that a run's basins are the same here, in any worker and in Node.
      const drawn = compileProgram(request.program, parameters, request.domain, { math: 'native' })
      const contour = sampleGrid(drawn, request.domain, request.grids.contour)
      const mesh = sampleGrid(drawn, request.domain, request.grids.mesh)
      const analysis = analyseSurface(
        compileProgram(request.program, parameters, request.domain),
        undefined,
        request.known,
      )
      context.transfer([...gridBuffers(contour), ...gridBuffers(mesh)])
      return { contour, mesh, points: analysis.points, analysis }
    },
  },
  { newestOnly: ['view'] },
)

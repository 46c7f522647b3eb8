import { describe, expect, it } from 'vitest'
import type { LaneFrame, SamplingFrame } from '../../core/run/frame'
import { LatestSampling } from './latest-sampling'

const sampling = { kT: 1 } as SamplingFrame
const frame = (step: number, withSampling: boolean, method = 'baoab') =>
  ({ step, method, sampling: withSampling ? sampling : undefined }) as unknown as LaneFrame

describe('LatestSampling', () => {
  it(
    'keeps a lane’s latest comparison and the step it was made at, ' +
      'and forgets it when the run starts over or the method changes',
    () => {
      const latest = new LatestSampling()
      expect(latest.update([frame(10, false)])[0]).toMatchObject({ sampling: null, sampledAt: null })
      expect(latest.update([frame(20, true)])[0]).toMatchObject({ sampling, sampledAt: 20 })
      expect(latest.update([frame(30, false)])[0]).toMatchObject({ sampling, sampledAt: 20 })
      expect(latest.update([frame(40, false, 'obabo')])[0]).toMatchObject({ sampling: null, sampledAt: null })
      latest.update([frame(50, true)])
      expect(latest.update([frame(5, false)])[0]).toMatchObject({ sampling: null, sampledAt: null })
    },
  )
})

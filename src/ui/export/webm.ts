import type { AnimationEncoder } from './animation'
import { webmType } from './webm-support'

/**
 * A WebM video through the browser's own MediaRecorder (VP9, else VP8), which
 * encodes in real time: each frame is handed over and held for 1/fps seconds
 * of wall-clock time, so a video of n frames takes n/fps seconds to record.
 */
export async function webmEncoder(canvas: HTMLCanvasElement, fps: number): Promise<AnimationEncoder> {
  const mimeType = webmType()
  if (!mimeType) throw new Error('this browser cannot record WebM video')
  const stream = canvas.captureStream(0)
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack
  const recorder = new MediaRecorder(stream, { mimeType, videoBitsPerSecond: 8_000_000 })
  const chunks: Blob[] = []
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data)
  }
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()))
  recorder.start()
  const interval = 1000 / fps
  let due = performance.now()
  const stop = async () => {
    if (recorder.state !== 'inactive') recorder.stop()
    await stopped
    track.stop()
  }
  return {
    async add() {
      track.requestFrame()
      due += interval
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())))
    },
    async finish() {
      await stop()
      return new Blob(chunks, { type: 'video/webm' })
    },
    abandon() {
      void stop()
    },
  }
}

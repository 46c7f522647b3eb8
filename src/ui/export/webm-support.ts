const TYPES = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']

/** The WebM type this browser's MediaRecorder records from a canvas, null if none (then only GIF is offered). */
export function webmType(): string | null {
  if (typeof MediaRecorder === 'undefined' || typeof HTMLCanvasElement.prototype.captureStream !== 'function')
    return null
  return TYPES.find((t) => MediaRecorder.isTypeSupported(t)) ?? null
}

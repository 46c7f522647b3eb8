/**
 * The page's first drawn surface (the contour map) is what a reader waits for;
 * the 3D scene (WebGL set-up and a software render) starts after it, so the two
 * first draws never share one long main-thread task.
 */
let resolveFirst: () => void = () => {}
export const firstSurfaceDrawn: Promise<void> = new Promise((resolve) => {
  resolveFirst = resolve
})

/** Marks the first drawn surface for the benchmark (performance entry 'landscape:first-surface'). */
export function markFirstSurface(): void {
  if (performance.getEntriesByName('landscape:first-surface').length === 0) performance.mark('landscape:first-surface')
  resolveFirst()
}

/** Redraws of the walker layers, read by the browser benchmark through its hook. */
export const layerDraws = { contour: 0, surface: 0 }

/**
 * Pixels from vectors and images: an SVG drawn onto a canvas at a scale (the
 * browser renders the vectors at the target size, so 4x is sharp, not an
 * enlarged 1x), and a canvas as a PNG blob.
 */

/** A canvas of exactly width x height device pixels. */
export function pixelCanvas(
  width: number,
  height: number,
): { canvas: HTMLCanvasElement; ctx: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas')
  canvas.width = width
  canvas.height = height
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('this browser gave no 2D canvas context')
  return { canvas, ctx }
}

export async function loadImage(url: string): Promise<HTMLImageElement> {
  const image = new Image()
  image.src = url
  await image.decode()
  return image
}

/** An SVG document's size in CSS pixels, from its root's width and height attributes. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? ''
  const width = Number(/\swidth=['"]([\d.]+)['"]/.exec(root)?.[1])
  const height = Number(/\sheight=['"]([\d.]+)['"]/.exec(root)?.[1])
  if (!(width > 0 && height > 0)) throw new Error('the SVG has no width and height')
  return { width, height }
}

/** The SVG rendered at `scale` device pixels per CSS pixel. */
export async function rasterise(svg: string, scale: number): Promise<HTMLCanvasElement> {
  const { width, height } = svgSize(svg)
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
  try {
    const image = await loadImage(url)
    const { canvas, ctx } = pixelCanvas(Math.round(width * scale), Math.round(height * scale))
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height)
    return canvas
  } finally {
    URL.revokeObjectURL(url)
  }
}

export function pngBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the canvas could not be encoded as PNG'))),
      'image/png',
    ),
  )
}

/** The first opaque background behind `element` (its own or an ancestor's), white if none. */
export function backgroundBehind(element: Element | null): string {
  for (let e = element; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor
    if (colour && colour !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(colour)) return colour
  }
  return '#ffffff'
}

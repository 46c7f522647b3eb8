import type { SurfaceSpec } from '../../core/scenario/types'

/**
 * Download names a reader can sort and recognise: the surface, what was
 * exported, the step of the frames in it, the local date and, for images at
 * more than one pixel per CSS pixel, the scale:
 * muller-brown_figure_step-5000_2026-11-27_2x.png
 */
export interface FileNameParts {
  surface: SurfaceSpec
  /** 'map', '3d', 'figure', 'trajectories'...: letters, digits and hyphens. */
  what: string
  step: number
  date: Date
  scale?: number
  extension: string
}

export function surfaceSlug(surface: SurfaceSpec): string {
  return surface.kind === 'atlas' ? slug(surface.id) : 'formula'
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'export'
  )
}

const two = (n: number) => String(n).padStart(2, '0')

export function isoDate(date: Date): string {
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
}

export function exportFileName(p: FileNameParts): string {
  const scale = p.scale !== undefined && p.scale !== 1 ? `_${p.scale}x` : ''
  return `${surfaceSlug(p.surface)}_${slug(p.what)}_step-${p.step}_${isoDate(p.date)}${scale}.${p.extension}`
}

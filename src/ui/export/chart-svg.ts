import type { PageChart } from './page-charts'
import { backgroundBehind } from './raster'
import { escapeXml } from './svg-figure'

/**
 * A lane panel's chart (an SVG the page draws itself: lines, ticks, axes) as a
 * standalone SVG file: the chart's own elements with the styles the page gives
 * them written onto each (so CSS variables and the theme's colours travel with
 * it), its title above, on the panel's background. Still vectors; a PNG is the
 * same SVG rasterised.
 */

/** The styles that make a chart look as it does; everything else is the SVG's own attributes. */
const STYLED = [
  'fill',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-linejoin',
  'stroke-linecap',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-anchor',
  'dominant-baseline',
]

/** Room above the chart for its title. */
const TITLE_HEIGHT = 20

function inlineStyles(source: Element, copy: Element): void {
  const style = getComputedStyle(source)
  const declarations = STYLED.map((name) => `${name}:${style.getPropertyValue(name)}`).join(';')
  copy.setAttribute('style', declarations)
  for (let k = 0; k < source.children.length; k++) inlineStyles(source.children[k], copy.children[k])
}

/** The chart as SVG text, title included; its size is the chart's CSS size plus the title's row. */
export function chartSVG(chart: PageChart): string {
  const svg = chart.element.querySelector('.plot svg')
  if (!(svg instanceof SVGSVGElement)) throw new Error(`${chart.label} has nothing drawn yet`)
  const width = Math.round(Number(svg.getAttribute('width')))
  const height = Math.round(Number(svg.getAttribute('height')))
  const copy = svg.cloneNode(true) as SVGSVGElement
  inlineStyles(svg, copy)
  copy.removeAttribute('aria-hidden')
  copy.removeAttribute('class')
  copy.setAttribute('x', '0')
  copy.setAttribute('y', String(TITLE_HEIGHT))
  copy.setAttribute('overflow', 'visible')
  const text = getComputedStyle(chart.element).color
  const font = getComputedStyle(chart.element).fontFamily
  const body = new XMLSerializer().serializeToString(copy)
  return [
    `<svg xmlns='http://www.w3.org/2000/svg' width='${width}' height='${height + TITLE_HEIGHT}' viewBox='0 0 ${width} ${height + TITLE_HEIGHT}'>`,
    `<rect width='100%' height='100%' fill='${backgroundBehind(chart.element)}'/>`,
    `<text x='4' y='14' font-size='12' font-weight='bold' fill='${text}' font-family="${escapeXml(font)}">` +
      `${escapeXml(chart.label)}</text>`,
    body,
    '</svg>',
  ].join('\n')
}

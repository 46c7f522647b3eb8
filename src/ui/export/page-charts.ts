import { laneName } from '../lanes/lane-colours'
/**
 * The charts of the lane panels (energy traces, |grad U|, kinetic temperature),
 * found on the page so the export menu can list them by lane and title.
 */

/** A chart on the page: its element, and the name the export menu lists it by. */
export interface PageChart {
  id: string
  label: string
  element: Element
}

/** The lane panels' charts, in page order, each named by its lane and title. */
export function pageCharts(root: ParentNode = document): PageChart[] {
  const charts: PageChart[] = []
  root.querySelectorAll('section[aria-labelledby^="lane-panel-"]').forEach((panel) => {
    const lane = /lane-panel-(\d+)-title/.exec(panel.getAttribute('aria-labelledby') ?? '')?.[1]
    if (lane === undefined) return
    panel.querySelectorAll('figure.chart').forEach((figure, k) => {
      const title = figure.querySelector('.title')?.textContent?.trim() || `chart ${k + 1}`
      charts.push({ id: `chart-${lane}-${k}`, label: `${laneName(Number(lane))}: ${title}`, element: figure })
    })
  })
  return charts
}

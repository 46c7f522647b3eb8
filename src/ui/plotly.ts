import type { Config } from 'plotly.js'
import Plotly from 'plotly.js/lib/core'
import contour from 'plotly.js/lib/contour'
import scatter3d from 'plotly.js/lib/scatter3d'
import surface from 'plotly.js/lib/surface'

/**
 * A custom plotly bundle: the core (which brings the scatter trace) plus only
 * the traces the page draws. The full bundle is twice the size.
 */
Plotly.register([contour, surface, scatter3d])

/**
 * The app is offline: nothing in a figure links out. (plotly.js 4 dropped
 * showLink and showEditInChartStudio; its showSendToCloud defaults to true.)
 */
export const PLOT_CONFIG: Partial<Config> = {
  displaylogo: false,
  showSendToCloud: false,
  responsive: true,
}

export { Plotly }

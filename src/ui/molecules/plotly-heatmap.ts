import heatmap from 'plotly.js/lib/heatmap'
import { Plotly } from '../plotly'

/** The free-energy map is a heatmap: empty bins stay blank, each bin one rectangle (the page's bundle adds it). */
Plotly.register([heatmap])

export { Plotly }

import bar from 'plotly.js/lib/bar'
import { Plotly } from '../plotly'

/** The histograms are bar traces (registered here, in the lazily loaded section, not in the page's start-up bundle). */
Plotly.register([bar])

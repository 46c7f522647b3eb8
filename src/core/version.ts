/** The product version, recorded in every export and JSON output (kept equal to package.json's by a test). */
export const VERSION = '0.1.0'

// Types for scripts/build-cli.mjs, for the tests and benches that import it.
export const ROOT: string
export const OUT_DIR: string
export const BUNDLE: string
export const BUNDLE_URL: string
export const WORKER: string
export const STAMP: string
export const SOURCE_ROOTS: string[]
export const SOURCE_FILES: string[]
export function newestSourceMtime(roots?: string[], files?: string[]): { newestMtimeMs: number; entries: number }
export function isFresh(): boolean
export function build(options?: { logLevel?: string }): Promise<unknown>

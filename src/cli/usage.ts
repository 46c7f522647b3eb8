/** A mistake on the command line: exit code 2, one line on stderr, nothing on stdout. */
export class UsageError extends Error {}

export type OptionSpec = { type: 'string' | 'boolean'; multiple?: boolean; short?: string }

/** One subcommand of `landscape`: its options, help text and what it prints. */
export interface Command {
  name: string
  summary: string
  usage: string
  /** Lines of help after the usage line. */
  help: string[]
  options: Record<string, OptionSpec>
  /** Returns the JSON document; `table` renders it for people. `warn` writes a line to stderr. */
  run(
    values: Record<string, string | boolean | string[] | undefined>,
    warn: (message: string) => void,
  ): unknown | Promise<unknown>
  table(result: unknown): string
}

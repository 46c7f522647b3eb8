import { parseArgs } from 'node:util'
import { VERSION } from '../core/version'
import { basinsCommand } from './basins'
import { criticalCommand } from './critical'
import { graphCommand } from './graph'
import { methodsCommand } from './methods'
import { minimaCommand } from './minima'
import { optimizeCommand } from './optimize'
import { quenchCommand } from './quench'
import { sampleCommand } from './sample'
import { surfacesCommand } from './surfaces'
import { sweepCommand } from './sweep'
import { systemsCommand } from './systems'
import { trainCommand } from './train'
import { UsageError, type Command } from './usage'

/**
 * `landscape`: the playground's engine from a terminal, for scripts and figure
 * data. Every command takes --json (a document that records the version and the
 * resolved inputs) and --help. A mistake exits with code 2 and one line on
 * stderr, and prints nothing on stdout.
 */
export const COMMANDS: readonly Command[] = [
  surfacesCommand,
  criticalCommand,
  basinsCommand,
  methodsCommand,
  optimizeCommand,
  sampleCommand,
  sweepCommand,
  systemsCommand,
  minimaCommand,
  graphCommand,
  quenchCommand,
  trainCommand,
]

interface Writable {
  write(text: string): unknown
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return [
    `landscape ${VERSION}: optimizers and samplers on energy surfaces and molecules, from the command line`,
    '',
    'usage: landscape <command> [options] [--json]',
    '',
    'commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `landscape <command> --help` for its options.',
  ].join('\n')
}

function commandHelp(c: Command): string {
  return [
    `usage: ${c.usage}`,
    '',
    ...c.help,
    '  --json                  print JSON instead of a table',
    '  --help                  show this help',
  ].join('\n')
}

export async function main(argv: string[], stdout: Writable, stderr: Writable): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    stdout.write(`${overview()}\n`)
    return 0
  }
  if (name === '--version') {
    stdout.write(`${VERSION}\n`)
    return 0
  }
  const command = COMMANDS.find((c) => c.name === name)
  try {
    if (!command) throw new UsageError(`unknown command '${name}'; commands: ${COMMANDS.map((c) => c.name).join(', ')}`)
    const values = parse(command, rest)
    if (values.help) {
      stdout.write(`${commandHelp(command)}\n`)
      return 0
    }
    const result = await command.run(values, (message) =>
      stderr.write(`landscape ${command.name}: warning: ${message}\n`),
    )
    stdout.write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${command.table(result)}\n`)
    return 0
  } catch (e) {
    if (e instanceof UsageError) {
      stderr.write(`landscape${command ? ` ${command.name}` : ''}: ${e.message}\n`)
      return 2
    }
    throw e
  }
}

/**
 * `--domain -1,1,-2,2`, `--formula "-exp(-x^2)"`: node's parser takes a value
 * starting with '-' for an option, so a value of a string option that starts
 * with a single '-' (the only short option is -h) is joined to its option
 * (`--domain=-1,1,-2,2`).
 */
function joinNegativeValues(command: Command, args: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const name = args[i].startsWith('--') ? args[i].slice(2) : undefined
    const next = args[i + 1]
    if (
      name &&
      command.options[name]?.type === 'string' &&
      next !== undefined &&
      /^-(?!-)/.test(next) &&
      next !== '-h'
    ) {
      out.push(`${args[i]}=${next}`)
      i++
    } else {
      out.push(args[i])
    }
  }
  return out
}

function parse(command: Command, args: string[]): Record<string, string | boolean | string[] | undefined> {
  try {
    const { values } = parseArgs({
      args: joinNegativeValues(command, args),
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    })
    return values
  } catch (e) {
    const message = (e as Error).message
    // Node's messages carry advice for programmers ("To specify a positional..."): keep the first sentence.
    const option = /Unknown option '([^']+)'/.exec(message)
    if (option) throw new UsageError(`unknown option '${option[1]}'; see \`landscape ${command.name} --help\``)
    const positional = /Unexpected argument '([^']+)'/.exec(message)
    if (positional)
      throw new UsageError(`unexpected argument '${positional[1]}'; see \`landscape ${command.name} --help\``)
    throw new UsageError(message.split('\n')[0])
  }
}

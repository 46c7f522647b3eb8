/**
 * The allow-list of the formula language. Everything a formula may name is
 * listed here; anything else is refused before mathjs ever sees the text.
 */

/** Functions a formula may call, with how many arguments each takes. */
export const FUNCTIONS: ReadonlyMap<string, { min: number; max: number }> = new Map([
  ['exp', { min: 1, max: 1 }],
  ['log', { min: 1, max: 1 }],
  ['log10', { min: 1, max: 1 }],
  ['sqrt', { min: 1, max: 1 }],
  ['sin', { min: 1, max: 1 }],
  ['cos', { min: 1, max: 1 }],
  ['tan', { min: 1, max: 1 }],
  ['asin', { min: 1, max: 1 }],
  ['acos', { min: 1, max: 1 }],
  ['atan', { min: 1, max: 1 }],
  ['sinh', { min: 1, max: 1 }],
  ['cosh', { min: 1, max: 1 }],
  ['tanh', { min: 1, max: 1 }],
  ['abs', { min: 1, max: 1 }],
  ['min', { min: 2, max: 8 }],
  ['max', { min: 2, max: 8 }],
])

/** The coordinates. */
export const VARIABLES: ReadonlySet<string> = new Set(['x', 'y'])

export const CONSTANTS: ReadonlyMap<string, number> = new Map([
  ['pi', Math.PI],
  ['e', Math.E],
])

/**
 * Words mathjs reads as operators or literals ("x mod y", "true", "5 cm to inch"):
 * as identifiers they would silently change what the formula means.
 */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'mod',
  'to',
  'in',
  'and',
  'or',
  'not',
  'xor',
  'true',
  'false',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  'end',
])

/** Names the playground itself uses for run settings. */
const SETTINGS = ['kT', 'dt']

/** Every name a plain JavaScript object carries, own or inherited. */
const OBJECT_NAMES = [
  ...Object.getOwnPropertyNames(Object.prototype),
  ...Object.getOwnPropertyNames(Function.prototype),
  'prototype',
  'constructor',
  '__proto__',
  'caller',
  'callee',
  'arguments',
  'then',
]

/** A parameter name: a letter, then letters, digits or _, 16 characters at most. */
export const PARAMETER_PATTERN = /^[A-Za-z][A-Za-z0-9_]{0,15}$/

const RESERVED: ReadonlySet<string> = new Set([
  ...VARIABLES,
  ...CONSTANTS.keys(),
  ...FUNCTIONS.keys(),
  ...KEYWORDS,
  ...SETTINGS,
  ...OBJECT_NAMES,
])

/** Why `name` cannot be a parameter, or null when it can. */
export function parameterNameProblem(name: string): string | null {
  if (!PARAMETER_PATTERN.test(name)) {
    return `'${clip(name)}' is not a valid parameter name (a letter, then letters, digits or _, at most 16 characters)`
  }
  if (FUNCTIONS.has(name)) return `'${name}' is a function and cannot be a parameter`
  if (RESERVED.has(name)) return `'${name}' is a reserved name and cannot be a parameter`
  return null
}

/** Shortens user text quoted back in a message. */
export function clip(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

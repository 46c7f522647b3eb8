import { describe, expect, it } from 'vitest'
import { itemsInFolders, missingFromList } from '../testing/one-file-each'
import { COMMANDS } from './main'
import type { Command } from './usage'

const isCommand = (v: unknown): v is Command =>
  typeof v === 'object' &&
  v !== null &&
  'usage' in v &&
  typeof (v as Command).run === 'function' &&
  typeof (v as Command).table === 'function'

describe('the list of commands', () => {
  it('holds every command a file of cli/ exports, one file each, named by the command', async () => {
    const found = await itemsInFolders([new URL('./', import.meta.url)], isCommand)
    expect(missingFromList(found, COMMANDS, (c) => c.name)).toEqual({ unlisted: [], withoutFile: [] })
    for (const { file, item } of found) expect(file.endsWith(`/${item.name}.ts`), file).toBe(true)
  })
})

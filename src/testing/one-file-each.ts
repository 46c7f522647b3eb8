import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** An item found in a folder: which file exports it, under which name. */
export interface FoundItem<T> {
  file: string
  name: string
  item: T
}

/**
 * Every export that `isItem` recognises in the source files of the folders (tests
 * and the files in `skip` left out): what "one file plus one line in a list" is
 * checked against. Pair it with `missingFromList`.
 */
export async function itemsInFolders<T>(
  folders: readonly URL[],
  isItem: (value: unknown) => value is T,
  skip: ReadonlySet<string> = new Set(),
): Promise<FoundItem<T>[]> {
  const found: FoundItem<T>[] = []
  for (const folder of folders) {
    const dir = fileURLToPath(folder)
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !skip.has(f))
    for (const file of files.sort()) {
      const module = (await import(join(dir, file))) as Record<string, unknown>
      for (const [name, value] of Object.entries(module))
        if (isItem(value)) found.push({ file: join(dir, file), name, item: value })
    }
  }
  return found
}

/** The found items that the list lacks ("file: export"), and the listed items no file exports (by key). */
export function missingFromList<T>(
  found: readonly FoundItem<T>[],
  list: readonly T[],
  key: (item: T) => string,
): { unlisted: string[]; withoutFile: string[] } {
  const listed = new Set(list)
  const exported = new Set(found.map((f) => f.item))
  return {
    unlisted: found.filter((f) => !listed.has(f.item)).map((f) => `${f.file}: ${f.name} (${key(f.item)})`),
    withoutFile: list.filter((item) => !exported.has(item)).map(key),
  }
}

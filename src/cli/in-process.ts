import { main } from './main'

/** Runs `landscape` in this process, capturing what it writes and its exit code (for tests). */
export async function runInProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, { write: (t: string) => (stdout += t) }, { write: (t: string) => (stderr += t) })
  return { code, stdout, stderr }
}

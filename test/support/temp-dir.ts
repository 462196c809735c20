import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'

/** A temporary directory with helpers to write files into it; remove it in afterEach/afterAll. */
export interface TempDir {
  readonly path: string
  write(relative: string, content: string): Promise<string>
  remove(): Promise<void>
}

/** Creates a fresh temporary directory under the OS temp dir. */
export async function tempDir(prefix = 'reconcile-test-'): Promise<TempDir> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix))
  return {
    path: dir,
    async write(relative, content) {
      const file = path.join(dir, relative)
      await mkdir(path.dirname(file), { recursive: true })
      await writeFile(file, content)
      return file
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  }
}

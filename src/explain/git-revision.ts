import { execFile } from 'node:child_process'

/** The git revision of the check definitions' directory, when it is in a git working tree. */
export interface GitRevision {
  /** Full commit hash of the last commit that touched the directory. */
  readonly commit: string
  /** Commit time of that commit (ISO 8601). */
  readonly committedAt: string
  /** True when the directory has uncommitted changes: the document then describes files not in that commit. */
  readonly dirty: boolean
}

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile('git', [...args], { cwd, timeout: 10_000, windowsHide: true }, (error, stdout) => {
      if (error !== null) reject(error)
      else resolve(stdout.trim())
    })
  })
}

/**
 * Reads the git revision of `dir`: the last commit touching it and whether it has uncommitted changes.
 * Returns null when git is not installed or `dir` is not in a git working tree: the document then says so.
 */
export async function gitRevisionOf(dir: string): Promise<GitRevision | null> {
  try {
    const log = await git(dir, ['log', '-1', '--format=%H%x09%cI', '--', '.'])
    const [commit, committedAt] = log.split('\t')
    if (commit === undefined || commit === '' || committedAt === undefined) return null
    const status = await git(dir, ['status', '--porcelain', '--', '.'])
    return { commit, committedAt, dirty: status !== '' }
  } catch (error: unknown) {
    // Not a repository, or no git: the revision is simply unknown, which the document states.
    if (error instanceof Error) return null
    throw error
  }
}

import { execFile } from 'node:child_process'
import { readdir } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TempDir, tempDir } from '../support/temp-dir.js'

const ROOT = path.resolve(import.meta.dirname, '../..')
const run = promisify(execFile)

/**
 * A child process sends one message of about 1 MiB through the `.eml` transport and prints what happened. The
 * parent can give it a file size limit (`ulimit -f`, in KiB) that the message exceeds: the kernel then refuses the
 * write part way (EFBIG; Node ignores SIGXFSZ), as a full disk would (ENOSPC), after a part of the file is written.
 */
const SENDER = (dir: string) => `
import { createTransport } from ${JSON.stringify(path.join(ROOT, 'src/notify/transport.ts'))}
const transport = createTransport({ transport: { kind: 'eml', dir: ${JSON.stringify(dir)} } } as never)
const message = {
  messageId: '0123456789abcdef', kind: 'incident_opened', recipients: ['ops@region.example'],
  subject: 'large', text: 'x'.repeat(1024 * 1024), html: '', attachments: [], createdAt: '2026-11-23T03:30:00.000Z',
}
try {
  console.log(JSON.stringify({ sent: await transport.send(message as never, 'reconcile@region.example') }))
} catch (error) {
  console.log(JSON.stringify({ failed: (error as { code?: string }).code ?? String(error) }))
} finally {
  transport.close()
}
`

describe('an .eml file on a disk that fills up', () => {
  let dir: TempDir

  beforeAll(async () => {
    dir = await tempDir('reconcile-eml-')
    await dir.write('sender.mts', SENDER(path.join(dir.path, 'mail')))
  })
  afterAll(async () => {
    await dir?.remove()
  })

  const send = async (limitKiB: number | 'unlimited') => {
    const sender = path.join(dir.path, 'sender.mts')
    const script = `ulimit -f ${limitKiB} && exec "${process.execPath}" --import tsx "${sender}"`
    const { stdout } = await run('bash', ['-c', script], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    })
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { sent?: string; failed?: string }
  }
  const mailFiles = async () => readdir(path.join(dir.path, 'mail')).catch(() => [] as string[])

  it('is written whole or not at all: a refused write leaves no .eml and no temporary file', async () => {
    // 256 KiB: enough for tsx's own cache files, a quarter of the message.
    expect(await send(256)).toEqual({ failed: 'EFBIG' })
    expect(await mailFiles()).toEqual([])

    // The same message without a limit is written whole, so the refusal above came from the limit.
    const { sent } = await send('unlimited')
    expect(path.basename(sent ?? '')).toBe('20261123-033000-incident_opened-01234567.eml')
    expect(await mailFiles()).toEqual(['20261123-033000-incident_opened-01234567.eml'])
  }, 120_000)
})

/**
 * A real SMTP server in the test process (smtp-server), with STARTTLS and a login, that keeps every message it
 * accepts and parses it enough for assertions: decoded subject, recipients, the plain-text and HTML parts and
 * the attachments. Tests wait for messages with `waitFor`, an event, never a sleep.
 */
import { EventEmitter, once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import type { MailConfig } from '../../src/config/types.js'

/** A message as the server received it. */
export interface ReceivedMail {
  readonly envelopeTo: readonly string[]
  readonly raw: string
  readonly subject: string
  readonly headers: ReadonlyMap<string, string>
  readonly text: string
  readonly html: string
  readonly attachments: ReadonlyArray<{ filename: string; contentType: string; content: string }>
}

interface Part {
  headers: Map<string, string>
  body: string
}

function splitHead(raw: string): Part {
  const at = raw.search(/\r?\n\r?\n/)
  const head = at < 0 ? raw : raw.slice(0, at)
  const body = at < 0 ? '' : raw.slice(at).replace(/^\r?\n\r?\n/, '')
  const headers = new Map<string, string>()
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim())
  }
  return { headers, body }
}

function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '')
  const bytes: number[] = []
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i] ?? ''
    if (c === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(c, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase()
  if (encoding === 'base64') return Buffer.from(part.body.replace(/\s+/g, ''), 'base64').toString('utf8')
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body)
  return part.body
}

/** Decodes RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) in a header value. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_w, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    )
}

function leaves(part: Part): Part[] {
  const type = part.headers.get('content-type') ?? 'text/plain'
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1]
  if (!type.toLowerCase().startsWith('multipart/') || boundary === undefined) return [part]
  return part.body
    .split(`--${boundary}`)
    .slice(1)
    .filter((chunk) => !chunk.startsWith('--'))
    .flatMap((chunk) => leaves(splitHead(chunk.replace(/^\r?\n/, ''))))
}

/** Parses a raw RFC 822 message into what tests look at. */
export function parseMail(raw: string, envelopeTo: readonly string[] = []): ReceivedMail {
  const top = splitHead(raw)
  const parts = leaves(top)
  const isAttachment = (p: Part) => (p.headers.get('content-disposition') ?? '').startsWith('attachment')
  const ofType = (t: string) =>
    parts
      .filter((p) => !isAttachment(p) && (p.headers.get('content-type') ?? '').startsWith(t))
      .map(decodeBody)
      .join('\n')
  return {
    envelopeTo,
    raw,
    subject: decodeHeader(top.headers.get('subject') ?? ''),
    headers: top.headers,
    text: ofType('text/plain'),
    html: ofType('text/html'),
    attachments: parts.filter(isAttachment).map((p) => ({
      filename: decodeHeader(
        /filename="?([^";]+)"?/.exec(p.headers.get('content-disposition') ?? '')?.[1] ?? '',
      ),
      contentType: (p.headers.get('content-type') ?? '').split(';')[0] ?? '',
      content: decodeBody(p),
    })),
  }
}

/** Credentials the test server accepts. */
export const SMTP_USER = 'reconcile'
export const SMTP_PASSWORD = 'smtp-test-password'

/** The mail transport that reaches an {@link SmtpInbox} on `port`: STARTTLS (self-signed), the test credentials. */
export function inboxTransport(port: number): MailConfig['transport'] {
  return {
    kind: 'smtp',
    host: '127.0.0.1',
    port,
    security: 'starttls',
    user: SMTP_USER,
    password: SMTP_PASSWORD,
    rejectUnauthorized: false,
    timeoutMs: 5_000,
  }
}

/** An in-process SMTP server on 127.0.0.1 that keeps what it receives. */
export class SmtpInbox extends EventEmitter {
  readonly received: ReceivedMail[] = []
  private server: SMTPServer | undefined
  port = 0

  /** Starts listening, on `port` when given (to bring a "down" server back on the same port). */
  async start(port = 0): Promise<number> {
    const server = new SMTPServer({
      logger: false,
      authOptional: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
          callback(null, { user: SMTP_USER })
        else callback(new Error('Invalid username or password'))
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('end', () => {
          const mail = parseMail(
            Buffer.concat(chunks).toString('utf8'),
            session.envelope.rcptTo.map((r) => r.address),
          )
          this.received.push(mail)
          callback()
          this.emit('mail', mail)
        })
      },
    })
    server.on('error', () => undefined)
    server.listen(port, '127.0.0.1')
    await once(server.server, 'listening')
    this.server = server
    this.port = (server.server.address() as AddressInfo).port
    return this.port
  }

  /** Stops listening and closes open connections. */
  async stop(): Promise<void> {
    const server = this.server
    this.server = undefined
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Resolves once at least `count` messages have arrived in total. */
  async waitFor(count: number): Promise<ReceivedMail[]> {
    while (this.received.length < count) await once(this, 'mail')
    return this.received
  }
}

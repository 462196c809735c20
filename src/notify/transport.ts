import { randomUUID } from 'node:crypto'
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import nodemailer from 'nodemailer'
import type { MailConfig } from '../config/types.js'
import type { OutboxMessage } from '../store/outbox-store.js'

/** Where messages go: an SMTP server, or `.eml` files. */
export interface MailTransport {
  /** For log lines: `SMTP smtp.region.se:587 (STARTTLS)` or `.eml files in /path`; never a password. */
  readonly description: string
  /** Sends one message; resolves with what the server answered or the file written, rejects when it failed. */
  send(message: OutboxMessage, from: string): Promise<string>
  /** Closes open connections. */
  close(): void
}

/** The Message-ID of an outbox message: stable, so a retried send can be recognised as the same message. */
export function messageIdHeader(message: OutboxMessage): string {
  return `<${message.messageId}@cosmic-reconcile>`
}

function mailOptions(message: OutboxMessage, from: string) {
  return {
    from,
    to: [...message.recipients],
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: messageIdHeader(message),
    date: new Date(message.createdAt),
    headers: { 'X-Reconcile-Kind': message.kind, 'Auto-Submitted': 'auto-generated' },
    attachments: message.attachments.map((a) => ({
      filename: a.filename,
      content: a.content,
      contentType: a.contentType,
    })),
  }
}

/** An SMTP transport through nodemailer: STARTTLS required by default, TLS from the start, or plain. */
function smtpTransport(config: Extract<MailConfig['transport'], { kind: 'smtp' }>): MailTransport {
  const transporter = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.user === undefined ? undefined : { user: config.user, pass: config.password ?? '' },
    tls: { rejectUnauthorized: config.rejectUnauthorized },
    connectionTimeout: config.timeoutMs,
    greetingTimeout: config.timeoutMs,
    socketTimeout: config.timeoutMs,
  })
  const security = { starttls: 'STARTTLS', tls: 'TLS', none: 'no TLS' }[config.security]
  return {
    description: `SMTP ${config.host}:${config.port} (${security})`,
    async send(message, from) {
      const info = await transporter.sendMail(mailOptions(message, from))
      return `SMTP ${config.host}:${config.port}: ${String(info.response)}`
    },
    close: () => transporter.close(),
  }
}

/**
 * Writes a file whole or not at all: into a temporary file in the same directory, then renamed over the name. A
 * full disk or any other write error removes the temporary file and rejects, so no truncated `.eml` ever looks
 * sent, and the outbox keeps the message pending with the error recorded.
 */
async function writeAtomically(file: string, content: Buffer): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}.tmp`)
  try {
    await writeFile(temporary, content, { mode: 0o640 })
    await rename(temporary, file)
  } catch (error: unknown) {
    await unlink(temporary).catch((cleanup: unknown) => {
      if ((cleanup as { code?: string }).code !== 'ENOENT') throw cleanup
    })
    throw error
  }
}

/** Writes each message as a complete RFC 822 `.eml` file that any mail client opens. */
function emlTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  return {
    description: `.eml files in ${dir}`,
    async send(message, from) {
      const info = await transporter.sendMail(mailOptions(message, from))
      const stamp = message.createdAt.replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
      const file = path.join(dir, `${stamp}-${message.kind}-${message.messageId.slice(0, 8)}.eml`)
      await mkdir(dir, { recursive: true })
      await writeAtomically(file, info.message as Buffer)
      return file
    },
    close: () => transporter.close(),
  }
}

/** The transport the configuration asks for. */
export function createTransport(config: MailConfig): MailTransport {
  return config.transport.kind === 'smtp'
    ? smtpTransport(config.transport)
    : emlTransport(config.transport.dir)
}

import type { Locale, Recipients } from '../config/types.js'
import type { StoredAttachment } from '../store/schema.js'

/** A composed message, ready for the outbox: both parts, the recipients by purpose, any attachments. */
export interface ComposedMessage {
  readonly purpose: 'alerts' | 'vendor' | 'report'
  /** `incident_opened`, `incident_reminder`, `incident_resolved`, `vendor_ticket`, `morning_report`. */
  readonly kind: string
  readonly recipients: readonly string[]
  readonly subject: string
  readonly text: string
  readonly html: string
  readonly attachments: readonly StoredAttachment[]
}

/** What every message needs to know about the installation. */
export interface MessageContext {
  readonly installation: string
  readonly locale: Locale
  readonly timezone: string
  readonly recipients: Recipients
  /** Reminder interval of open incidents in ms, or null when off; messages mention it. */
  readonly reminderAfterMs: number | null
  /** The dashboard's public address (`web.public_url`), for links; absent when not configured. */
  readonly publicUrl?: string
}

/** Recipients without duplicates, in order (case-insensitive). */
export function uniqueRecipients(...lists: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const address of lists.flat()) {
    const key = address.toLowerCase()
    if (!seen.has(key)) {
      seen.add(key)
      out.push(address)
    }
  }
  return out
}

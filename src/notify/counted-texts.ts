import { countOf } from '../i18n/format.js'
import { catalog } from '../i18n/language.js'
import { reportNumber } from './locale.js'
import type { MessageContext } from './message.js'

// Texts of the mail and the ticket that hold a count: the count is formatted and takes its word's form here.

/** What a check left out as late changes, in words: `3 rader ändrade i källan efter brytpunkten, …`. */
export function lateChangesText(rows: number | null, context: Pick<MessageContext, 'locale'>): string {
  const p = catalog(context.locale).notify
  return p.lateChangesValue(rows === null ? null : countOf(rows, context.locale, p.changedRows))
}

/** `… och 3 grupper till` / `… and 3 more groups`. */
export function andMoreGroups(n: number, context: Pick<MessageContext, 'locale'>): string {
  const p = catalog(context.locale).notify
  return p.andMoreGroups(countOf(n, context.locale, p.moreGroups))
}

/** A differing column with its rows: `status (3 rader)`. */
export function columnRows(
  column: { column: string; rows: number },
  context: Pick<MessageContext, 'locale'>,
): string {
  const p = catalog(context.locale).notify
  return p.findings.columnRows(column.column, countOf(column.rows, context.locale, p.rows))
}

/** More assertions failing than the subject names: `+2 till`. */
export function moreFailing(n: number, context: Pick<MessageContext, 'locale'>): string {
  return catalog(context.locale).notify.moreFailing(reportNumber(n, context.locale))
}

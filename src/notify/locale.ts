import type { Locale } from '../config/types.js'
import { formatNumber } from '../i18n/amounts.js'
import { pluralOf } from '../i18n/plural.js'
import { formatInZone } from '../util/time-zone.js'

export { formatAge, formatNumber, formatPercent } from '../i18n/amounts.js'

/** Every phrase a message uses, in one language. Functions take already formatted values. */
export interface Phrases {
  readonly status: { readonly pass: string; readonly fail: string; readonly error: string }
  readonly subjectTag: {
    readonly fail: string
    readonly error: string
    readonly resolved: string
    readonly reminder: string
    readonly ticket: string
    /** Marks a message about results that reached the store only after a later run loaded them from the spool. */
    readonly late: string
  }
  readonly rowCount: string
  readonly couldNotRun: (code: string) => string
  readonly loadLate: (age: string | null) => string
  readonly moreFailing: (n: number) => string
  readonly source: string
  readonly target: string
  readonly difference: string
  readonly assertion: string
  readonly check: string
  readonly values: string
  readonly trend: string
  readonly since: string
  readonly openedAlertIntro: (title: string, id: string, when: string) => string
  readonly errorAlertIntro: (title: string, id: string, when: string) => string
  /** Results stored late: the run of `runAt` (status `status`) could not be stored then; loaded at `storedAt`. */
  readonly storedLate: (runAt: string, status: string, storedAt: string) => string
  readonly reminderIntro: (title: string, id: string, age: string, runs: number) => string
  readonly resolvedIntro: (title: string, id: string, when: string, age: string) => string
  readonly resolvedSubject: (age: string) => string
  readonly reminderSubject: (age: string) => string
  readonly whatDiffers: string
  readonly aboutCheck: string
  readonly severity: {
    readonly low: string
    readonly medium: string
    readonly high: string
    readonly critical: string
  }
  readonly severityLabel: string
  readonly owner: string
  readonly incident: string
  readonly openedAt: string
  readonly runId: string
  readonly cutoff: string
  readonly noCutoff: string
  /** Label of what a check left out as the source's late changes. */
  readonly lateChanges: string
  /** Its value: a row count, or the source read as of the cutoff (`rows` null). */
  readonly lateChangesValue: (rows: number | null) => string
  readonly definitionHash: string
  readonly definitionFile: string
  readonly vendorInformed: string
  readonly nextSteps: (check: string) => string
  readonly noRepeat: (days: string | null) => string
  readonly ticketIntro: (installation: string) => string
  readonly ticketSubject: string
  readonly ticketEvidence: string
  readonly ticketSql: (side: string) => string
  readonly ticketParameters: string
  readonly ticketDuration: string
  readonly ticketAttachment: string
  readonly ticketNoPatientData: string
  readonly groupsTitle: string
  readonly andMoreGroups: (n: number) => string
  readonly errorCause: string
  /** A failing result whose kind has no words for its difference. */
  readonly valuesDiffer: string
  /** Labels of the alert's findings. */
  readonly findings: {
    readonly rows: string
    readonly category: {
      readonly missing: string
      readonly extra: string
      readonly changed: string
      readonly duplicate: string
    }
    readonly atLeast: string
    readonly columns: string
    readonly columnRows: (column: string, rows: number) => string
    readonly groups: string
    readonly groupCounts: (source: string, target: string) => string
    readonly sampleKeys: string
    readonly checkFirst: string
    readonly openSince: (when: string, age: string) => string
    readonly openedNow: (when: string) => string
    readonly dashboard: string
    readonly allAssertions: string
  }
  readonly checkFirstLoad: string
  readonly checkFirstError: string
  readonly footer: (installation: string) => string
  /** The morning report, for management: plain words, no assertion kinds or English result texts. */
  readonly report: ReportPhrases
}

// ---- The morning report (#14) -----------------------------------------------------------------------------------

/** What a check compares, as the report names it: never the assertion's kind. */
export type ReportTopic = 'row_count' | 'aggregate' | 'checksum' | 'freshness' | 'load'

/** Every phrase of the morning report, in one language. Counts are numbers: the phrases format and inflect them. */
export interface ReportPhrases {
  readonly subject: (date: string) => string
  /** Verdicts, said first. */
  readonly allPassed: (checks: number) => string
  readonly failed: (failed: number, of: number) => string
  /** `n` could not run; `of` all checks when it leads the verdict, null after the failed ones. */
  readonly errors: (n: number, of: number | null) => string
  readonly notRunCount: (n: number) => string
  readonly noRun: (since: string) => string
  /** The night's run `schedule`, begun at `since`, had not finished when the report was made. */
  readonly unfinished: (schedule: string, since: string) => string
  /** Said before {@link ReportPhrases.unfinished} in the report itself. */
  readonly unfinishedHeadline: string
  readonly lastLoad: (when: string) => string
  readonly lastLoadUnknown: string
  readonly lastRun: (when: string, status: string) => string
  readonly runStatus: (status: string) => string
  readonly checksTitle: (nights: number) => string
  /** Headers of the HTML table. */
  readonly columns: {
    readonly check: string
    readonly found: string
    readonly nights: string
    readonly streak: string
  }
  readonly trendLegend: string
  readonly topic: Readonly<Record<ReportTopic, string>>
  /** Everything a passing check compares agrees: `antal rader och belopp stämmer`. */
  readonly agree: (topics: readonly string[]) => string
  readonly notRun: string
  readonly lastRunOn: (date: string) => string
  readonly couldNotRun: string
  readonly rowsMissing: (n: number) => string
  readonly rowsExtra: (n: number) => string
  readonly differs: string
  readonly differsBy: (amount: string) => string
  readonly behind: (duration: string) => string
  readonly ahead: (duration: string) => string
  readonly loadLate: string
  /** The latest status `status` held for `nights` nights running (1: new last night). */
  readonly streak: (status: 'fail' | 'error', nights: number) => string
  readonly passingAgain: string
  readonly openSince: (date: string) => string
}

const INTL_TAG: Readonly<Record<Locale, string>> = { sv: 'sv-SE', en: 'en-GB' }

/** A count or exact decimal text in the locale's one number format (Intl): `1 234 567,25` / `1,234,567.25`. */
export function reportNumber(value: number | string, locale: Locale): string {
  // Intl formats decimal strings exactly (no float rounding) since Node 19.
  return new Intl.NumberFormat(INTL_TAG[locale], { maximumFractionDigits: 20 }).format(
    value as unknown as number,
  )
}

/** `one` or `other` form of a word for a count, by the locale's plural rules. */
function plural(locale: Locale, n: number, one: string, other: string): string {
  return new Intl.PluralRules(INTL_TAG[locale]).select(n) === 'one' ? one : other
}

/** A list joined the locale's way: `a, b och c` / `a, b and c`. */
export function reportList(items: readonly string[], locale: Locale): string {
  return new Intl.ListFormat(INTL_TAG[locale], { type: 'conjunction' }).format(items)
}

const SV_ORDINAL = new Intl.PluralRules('sv-SE', { type: 'ordinal' })
const EN_ORDINAL = new Intl.PluralRules('en-GB', { type: 'ordinal' })
const EN_SUFFIX: Readonly<Record<string, string>> = { one: 'st', two: 'nd', few: 'rd', other: 'th' }

const REPORT_SV: ReportPhrases = {
  subject: (date) => `Morgonrapport ${date}`,
  allPassed: (n) =>
    n === 1 ? 'Kontrollen stämde i natt' : `Alla ${reportNumber(n, 'sv')} kontroller stämde i natt`,
  failed: (failed, of) =>
    `${reportNumber(failed, 'sv')} av ${reportNumber(of, 'sv')} ${plural('sv', of, 'kontroll', 'kontroller')} avvek`,
  errors: (n, of) =>
    of === null
      ? `${reportNumber(n, 'sv')} kunde inte köras`
      : `${reportNumber(n, 'sv')} av ${reportNumber(of, 'sv')} ${plural('sv', of, 'kontroll', 'kontroller')} kunde inte köras`,
  notRunCount: (n) => `${reportNumber(n, 'sv')} kördes inte i natt`,
  noRun: (since) => `Ingen körning i natt (senaste ${since})`,
  unfinished: (schedule, since) => `KÖRNINGEN ${schedule} INTE KLAR (pågår sedan ${since})`,
  unfinishedHeadline: 'Nattens körning är inte klar',
  lastLoad: (when) => `Nattens laddning blev klar ${when}.`,
  lastLoadUnknown: 'När nattens laddning blev klar är inte känt.',
  lastRun: (when, status) => `Kontrollerna kördes ${when} (${status}).`,
  runStatus: (status) => ({ finished: 'klar', aborted: 'avbruten', running: 'pågår' })[status] ?? status,
  checksTitle: (nights) => `Kontrollerna, de senaste ${reportNumber(nights, 'sv')} nätterna`,
  columns: { check: 'Kontroll', found: 'I natt', nights: 'Nätter', streak: 'Trend' },
  trendLegend: '✓ stämde · ✗ avvek · ! kunde inte köras · – ingen körning; äldsta natten först',
  topic: {
    row_count: 'antal rader',
    aggregate: 'belopp',
    checksum: 'alla värden',
    freshness: 'aktualitet',
    load: 'laddningen',
  },
  agree: (topics) => `${reportList(topics, 'sv')} stämmer`,
  notRun: 'kördes inte i natt',
  lastRunOn: (date) => `kördes inte i natt (senast ${date})`,
  couldNotRun: 'kunde inte köras',
  rowsMissing: (n) => `${reportNumber(n, 'sv')} ${plural('sv', n, 'rad', 'rader')} saknas`,
  rowsExtra: (n) => `${reportNumber(n, 'sv')} ${plural('sv', n, 'rad', 'rader')} för mycket`,
  differs: 'skiljer',
  differsBy: (amount) => `skiljer med ${amount}`,
  behind: (duration) => `${duration} efter källan`,
  ahead: (duration) => `${duration} före källan`,
  loadLate: 'blev inte klar i tid',
  streak: (status, nights) => {
    if (nights === 1) return 'ny i natt'
    const verb = status === 'fail' ? 'avviker' : 'kunde inte köras'
    return `${verb} ${nights}${SV_ORDINAL.select(nights) === 'one' ? ':a' : ':e'} natten i rad`
  },
  passingAgain: 'stämmer igen',
  openSince: (date) => `öppen sedan ${date}`,
}

const REPORT_EN: ReportPhrases = {
  subject: (date) => `Morning report ${date}`,
  allPassed: (n) =>
    n === 1 ? 'The check passed last night' : `All ${reportNumber(n, 'en')} checks passed last night`,
  failed: (failed, of) =>
    `${reportNumber(failed, 'en')} of ${reportNumber(of, 'en')} ${plural('en', of, 'check', 'checks')} differed`,
  errors: (n, of) =>
    of === null
      ? `${reportNumber(n, 'en')} could not run`
      : `${reportNumber(n, 'en')} of ${reportNumber(of, 'en')} ${plural('en', of, 'check', 'checks')} could not run`,
  notRunCount: (n) => `${reportNumber(n, 'en')} did not run last night`,
  noRun: (since) => `No run last night (last one ${since})`,
  unfinished: (schedule, since) => `RUN ${schedule} NOT FINISHED (in progress since ${since})`,
  unfinishedHeadline: "Last night's run has not finished",
  lastLoad: (when) => `Last night's load finished ${when}.`,
  lastLoadUnknown: "When last night's load finished is not known.",
  lastRun: (when, status) => `The checks ran ${when} (${status}).`,
  runStatus: (status) => status,
  checksTitle: (nights) => `The checks, last ${reportNumber(nights, 'en')} nights`,
  columns: { check: 'Check', found: 'Last night', nights: 'Nights', streak: 'Trend' },
  trendLegend: '✓ passed · ✗ differed · ! could not run · – no run; oldest night first',
  topic: {
    row_count: 'row counts',
    aggregate: 'amounts',
    checksum: 'all values',
    freshness: 'freshness',
    load: 'the load',
  },
  agree: (topics) => `${reportList(topics, 'en')} agree`,
  notRun: 'did not run last night',
  lastRunOn: (date) => `did not run last night (last on ${date})`,
  couldNotRun: 'could not run',
  rowsMissing: (n) => `${reportNumber(n, 'en')} ${plural('en', n, 'row', 'rows')} missing`,
  rowsExtra: (n) => `${reportNumber(n, 'en')} ${plural('en', n, 'row', 'rows')} too many`,
  differs: 'differ',
  differsBy: (amount) => `differ by ${amount}`,
  behind: (duration) => `${duration} behind the source`,
  ahead: (duration) => `${duration} ahead of the source`,
  loadLate: 'did not finish in time',
  streak: (status, nights) => {
    if (nights === 1) return 'new last night'
    const verb = status === 'fail' ? 'differing' : 'could not run'
    return `${verb} for the ${nights}${EN_SUFFIX[EN_ORDINAL.select(nights)] ?? 'th'} night running`
  },
  passingAgain: 'passing again',
  openSince: (date) => `open since ${date}`,
}

const SV: Phrases = {
  status: { pass: 'OK', fail: 'AVVIKELSE', error: 'KUNDE INTE KÖRAS' },
  subjectTag: {
    fail: 'AVVIKELSE',
    error: 'FEL',
    resolved: 'ÅTGÄRDAT',
    reminder: 'PÅMINNELSE',
    ticket: 'ÄRENDE',
    late: 'SENT LAGRAD',
  },
  rowCount: 'antal rader',
  couldNotRun: (code) => `kunde inte köras (${code})`,
  loadLate: (age) =>
    age === null
      ? 'nattens laddning är inte klar'
      : `nattens laddning är inte klar (förra klar för ${age} sedan)`,
  moreFailing: (n) => `+${n} till`,
  source: 'Källa',
  target: 'Mål',
  difference: 'Skillnad',
  assertion: 'Kontrollpunkt',
  check: 'Kontroll',
  values: 'Värden (källa → mål)',
  trend: '7 dygn',
  since: 'Sedan',
  storedLate: (runAt, status, storedAt) =>
    `Sent lagrat: körningen ${runAt} kunde inte lagras då (resultatlagret var otillgängligt). Dess resultat sparades lokalt och lades in ${storedAt}; körningens slutstatus: ${status}.`,
  openedAlertIntro: (title, id, when) =>
    `Kontrollen "${title}" (${id}) hittade en avvikelse mellan källan och rapportkopian i körningen ${when}.`,
  errorAlertIntro: (title, id, when) =>
    `Kontrollen "${title}" (${id}) kunde inte köras ${when}: överföringen är alltså inte kontrollerad.`,
  reminderIntro: (title, id, age, runs) =>
    `Kontrollen "${title}" (${id}) har inte gått igenom på ${age} (${formatNumber(String(runs), 'sv')} ${pluralOf(runs, 'sv', 'körning', 'körningar')}). Ärendet är fortfarande öppet.`,
  resolvedIntro: (title, id, when, age) =>
    `Kontrollen "${title}" (${id}) gick igenom igen i körningen ${when}. Avvikelsen var öppen i ${age}.`,
  resolvedSubject: (age) => `godkänd igen efter ${age}`,
  reminderSubject: (age) => `fortfarande öppen efter ${age}`,
  whatDiffers: 'Vad skiljer',
  aboutCheck: 'Om kontrollen',
  severity: { low: 'låg', medium: 'medel', high: 'hög', critical: 'kritisk' },
  severityLabel: 'Allvarlighetsgrad',
  owner: 'Ansvarig',
  incident: 'Incident',
  openedAt: 'Öppnad',
  runId: 'Körnings-id',
  cutoff: 'Jämfört per (cutoff)',
  noCutoff: 'ingen cutoff',
  lateChanges: 'Sena ändringar (utelämnade)',
  lateChangesValue: (rows) =>
    rows === null
      ? 'källan läst som vid cutoff'
      : `${formatNumber(String(rows), 'sv')} ${pluralOf(rows, 'sv', 'rad ändrad', 'rader ändrade')} i källan efter cutoff, utelämnade på båda sidor`,
  definitionHash: 'Definitionens hash',
  definitionFile: 'Definitionsfil',
  vendorInformed: 'Leverantören har fått ett ärende med underlaget.',
  nextSteps: (check) =>
    `Historik: reconcile history --check ${check}    Öppna incidenter: reconcile incidents`,
  noRepeat: (days) =>
    days === null
      ? 'Inga fler meddelanden skickas om denna avvikelse förrän den är åtgärdad.'
      : `Inga fler meddelanden skickas om denna avvikelse förrän den är åtgärdad (en påminnelse efter ${days}).`,
  ticketIntro: (installation) =>
    `Automatiskt ärende från ${installation}: kontrollen av överföringen från källsystemet till rapportkopian har hittat en avvikelse. Underlaget nedan ska räcka för att felsöka utan att ringa oss.`,
  ticketSubject: 'ärende',
  ticketEvidence: 'Underlag',
  ticketSql: (side) => `SQL på ${side === 'source' ? 'källan' : 'målet'}`,
  ticketParameters: 'Parametrar',
  ticketDuration: 'Körtid',
  ticketAttachment: 'Samma underlag finns som JSON i bilagan.',
  ticketNoPatientData:
    'Ärendet innehåller inga patientuppgifter: bara antal, summor, tider och maskerade nycklar.',
  groupsTitle: 'Grupper som skiljer',
  andMoreGroups: (n) =>
    `… och ${formatNumber(String(n), 'sv')} ${pluralOf(n, 'sv', 'grupp', 'grupper')} till`,
  errorCause: 'Orsak',
  valuesDiffer: 'värdena skiljer',
  findings: {
    rows: 'Rader',
    category: { missing: 'saknas', extra: 'för mycket', changed: 'ändrade', duplicate: 'dubblettnycklar' },
    atLeast: 'minst',
    columns: 'Kolumner som skiljer',
    columnRows: (column, rows) =>
      `${column} (${formatNumber(String(rows), 'sv')} ${pluralOf(rows, 'sv', 'rad', 'rader')})`,
    groups: 'Grupper som skiljer, störst först',
    groupCounts: (source, target) => `källa ${source}, mål ${target}`,
    sampleKeys: 'Exempel på nycklar (maskerade)',
    checkFirst: 'Kontrollera först',
    openSince: (when, age) => `Öppen sedan ${when} (${age})`,
    openedNow: (when) => `Öppnad nu, i körningen ${when}`,
    dashboard: 'Kontrollen i instrumentpanelen',
    allAssertions: 'Alla kontrollpunkter i körningen',
  },
  checkFirstLoad:
    'Titta först i laddningsloggen och i schemaläggaren för nattens laddning: startade den, och var står den nu?',
  checkFirstError:
    'Titta först på orsaken nedan: är anslutningen, behörigheten eller tabellen ändrad? Tills kontrollen kan köras är överföringen okontrollerad.',
  footer: (installation) => `${installation} · cosmic-reconcile. Svara inte på detta meddelande.`,
  report: REPORT_SV,
}

const EN: Phrases = {
  status: { pass: 'PASS', fail: 'FAIL', error: 'ERROR' },
  subjectTag: {
    fail: 'FAIL',
    error: 'ERROR',
    resolved: 'RESOLVED',
    reminder: 'REMINDER',
    ticket: 'TICKET',
    late: 'STORED LATE',
  },
  rowCount: 'row count',
  couldNotRun: (code) => `could not run (${code})`,
  loadLate: (age) =>
    age === null
      ? "the night's load has not finished"
      : `the night's load has not finished (last one ${age} ago)`,
  moreFailing: (n) => `+${n} more`,
  source: 'Source',
  target: 'Target',
  difference: 'Difference',
  assertion: 'Assertion',
  check: 'Check',
  values: 'Values (source → target)',
  trend: '7 days',
  since: 'Since',
  storedLate: (runAt, status, storedAt) =>
    `Stored late: the run of ${runAt} could not be stored then (the results store was unavailable). Its results were kept locally and loaded at ${storedAt}; the run's final status: ${status}.`,
  openedAlertIntro: (title, id, when) =>
    `The check "${title}" (${id}) found a difference between the source and its reporting copy in the run of ${when}.`,
  errorAlertIntro: (title, id, when) =>
    `The check "${title}" (${id}) could not run on ${when}: the transfer is therefore not checked.`,
  reminderIntro: (title, id, age, runs) =>
    `The check "${title}" (${id}) has not passed for ${age} (${formatNumber(String(runs), 'en')} ${pluralOf(runs, 'en', 'run', 'runs')}). The incident is still open.`,
  resolvedIntro: (title, id, when, age) =>
    `The check "${title}" (${id}) passed again in the run of ${when}. The incident was open for ${age}.`,
  resolvedSubject: (age) => `passing again after ${age}`,
  reminderSubject: (age) => `still open after ${age}`,
  whatDiffers: 'What differs',
  aboutCheck: 'About the check',
  severity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  severityLabel: 'Severity',
  owner: 'Owner',
  incident: 'Incident',
  openedAt: 'Opened',
  runId: 'Run id',
  cutoff: 'Compared as of (cutoff)',
  noCutoff: 'no cutoff',
  lateChanges: 'Late changes (left out)',
  lateChangesValue: (rows) =>
    rows === null
      ? 'source read as of the cutoff'
      : `${formatNumber(String(rows), 'en')} ${pluralOf(rows, 'en', 'row', 'rows')} changed in the source after the cutoff, left out on both sides`,
  definitionHash: 'Definition hash',
  definitionFile: 'Definition file',
  vendorInformed: 'The vendor has been sent a ticket with the evidence.',
  nextSteps: (check) => `History: reconcile history --check ${check}    Open incidents: reconcile incidents`,
  noRepeat: (days) =>
    days === null
      ? 'No further messages are sent about this difference until it is resolved.'
      : `No further messages are sent about this difference until it is resolved (a reminder after ${days}).`,
  ticketIntro: (installation) =>
    `Automatic ticket from ${installation}: the control of the transfer from the source system to the reporting copy found a difference. The evidence below should be enough to investigate without calling us.`,
  ticketSubject: 'ticket',
  ticketEvidence: 'Evidence',
  ticketSql: (side) => `SQL on the ${side}`,
  ticketParameters: 'Parameters',
  ticketDuration: 'Duration',
  ticketAttachment: 'The same evidence is attached as JSON.',
  ticketNoPatientData: 'This ticket holds no patient data: only counts, sums, times and masked keys.',
  groupsTitle: 'Groups that differ',
  andMoreGroups: (n) => `… and ${formatNumber(String(n), 'en')} more ${pluralOf(n, 'en', 'group', 'groups')}`,
  errorCause: 'Cause',
  valuesDiffer: 'values differ',
  findings: {
    rows: 'Rows',
    category: { missing: 'missing', extra: 'extra', changed: 'changed', duplicate: 'duplicate keys' },
    atLeast: 'at least',
    columns: 'Columns that differ',
    columnRows: (column, rows) =>
      `${column} (${formatNumber(String(rows), 'en')} ${pluralOf(rows, 'en', 'row', 'rows')})`,
    groups: 'Groups that differ, largest first',
    groupCounts: (source, target) => `source ${source}, target ${target}`,
    sampleKeys: 'Sample keys (masked)',
    checkFirst: 'Check first',
    openSince: (when, age) => `Open since ${when} (${age})`,
    openedNow: (when) => `Opened now, in the run of ${when}`,
    dashboard: 'The check on the dashboard',
    allAssertions: 'Every assertion in the run',
  },
  checkFirstLoad:
    "Check the load log and the scheduler of the night's load first: did it start, and where is it now?",
  checkFirstError:
    'Check the cause below first: has the connection, a permission or the table changed? Until the check can run, the transfer is unchecked.',
  footer: (installation) => `${installation} · cosmic-reconcile. Do not reply to this message.`,
  report: REPORT_EN,
}

/** The phrases of a locale. */
export function phrases(locale: Locale): Phrases {
  return locale === 'sv' ? SV : EN
}

/** An instant as local wall-clock time to the minute, with the zone's name: `2026-11-23 04:31`. */
export function formatTime(iso: string, timezone: string): string {
  return formatInZone(new Date(iso).getTime(), timezone).slice(0, 16)
}

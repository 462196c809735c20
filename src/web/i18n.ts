import type { Language } from '../i18n/language.js'
import type { ResultStatus } from '../results/types.js'

/** The `Intl` locale of each dashboard language: one number format per language, wherever a number is shown. */
export const WEB_LOCALE: Readonly<Record<Language, string>> = { sv: 'sv-SE', en: 'en-GB' }

const NUMBER = new Map<string, Intl.NumberFormat>()

/**
 * A count or exact decimal text in the language's number format (`1 234 567,5`, `1,234,567.5`). Decimal text is
 * formatted as text, so no digit is lost; text that is not a decimal is returned unchanged. Negative numbers take
 * the minus sign `−` in every language.
 */
export function formatWebNumber(
  value: number | string,
  language: Language,
  options: { signed?: boolean; maximumFractionDigits?: number } = {},
): string {
  if (typeof value === 'string' && !/^-?\d+(\.\d+)?$/.test(value)) return value
  const key = `${language}|${options.signed === true}|${options.maximumFractionDigits ?? 20}`
  let format = NUMBER.get(key)
  if (format === undefined) {
    format = new Intl.NumberFormat(WEB_LOCALE[language], {
      maximumFractionDigits: options.maximumFractionDigits ?? 20,
      signDisplay: options.signed === true ? 'exceptZero' : 'auto',
    })
    NUMBER.set(key, format)
  }
  // Intl formats a decimal string exactly (no float rounding); its type still says number. The minus is the
  // typographic one in both languages, as the kinds' own words write it.
  return format.format(value as number).replace('-', '−')
}

const PLURAL = new Map<Language, Intl.PluralRules>()

/** `1 körning`, `2 körningar`: a count with the noun form `Intl.PluralRules` picks for it. */
export function countOf(
  n: number,
  forms: { readonly one: string; readonly other: string },
  language: Language,
) {
  let rules = PLURAL.get(language)
  if (rules === undefined) {
    rules = new Intl.PluralRules(WEB_LOCALE[language])
    PLURAL.set(language, rules)
  }
  return `${formatWebNumber(n, language)} ${rules.select(n) === 'one' ? forms.one : forms.other}`
}

/** Every text of the dashboard in one language; data (ids, messages, SQL) is shown as recorded. */
export interface WebText {
  readonly appName: string
  readonly nav: {
    readonly today: string
    readonly runs: string
    readonly incidents: string
    readonly control: string
  }
  readonly otherLanguage: string
  readonly status: Readonly<Record<ResultStatus, string>>
  readonly verdict: {
    readonly pass: string
    readonly fail: string
    readonly error: string
    readonly unfinished: string
    readonly none: string
  }
  readonly verdictDetail: (passed: number, failed: number, errors: number, checks: number) => string
  /** What a passing result found, when its kind has nothing more to say. */
  readonly passed: string
  /** What a failing result found, when its kind cannot say more. */
  readonly failed: string
  /** A failing result's signed difference (`−474,25 (−0,0011 %)`) when its kind has no words for it. */
  readonly differsBy: (difference: string) => string
  /** What a result that could not run says, with its error code. */
  readonly couldNotRun: (code: string) => string
  /** What started a run (`cli`, `demo`, `schedule:NAME`), in words. */
  readonly trigger: (trigger: string) => string
  /** `+2 more` after the first failing assertion of an incident. */
  readonly andMore: (n: number) => string
  readonly lastRun: string
  readonly lastLoad: string
  readonly noCutoff: string
  /** What a check left out as the source's late changes in the last run. */
  readonly lateChanges: (rows: number | null) => string
  readonly stale: (since: string) => string
  readonly checksHeading: string
  readonly history: string
  readonly severity: string
  readonly owner: string
  readonly allPassed: string
  readonly notInLastRun: string
  readonly openIncidents: (n: number) => string
  readonly th: {
    readonly time: string
    readonly check: string
    readonly assertion: string
    readonly status: string
    readonly source: string
    readonly target: string
    readonly difference: string
    readonly run: string
    readonly started: string
    readonly finished: string
    readonly duration: string
    readonly trigger: string
    readonly host: string
    readonly results: string
    readonly message: string
    readonly hash: string
    readonly incident: string
    readonly opened: string
    readonly lastSeen: string
    readonly resolved: string
    readonly occurrences: string
    readonly summary: string
    readonly vendor: string
  }
  readonly runStatus: Readonly<Record<string, string>>
  readonly runsHeading: string
  readonly runHeading: (id: string) => string
  readonly noRuns: string
  readonly chartHeading: (assertion: string) => string
  readonly chartLegend: {
    readonly source: string
    readonly target: string
    readonly difference: string
    readonly lag: string
    readonly failed: string
  }
  readonly latestOf: (at: string) => string
  readonly chartNote: string
  readonly controlLink: string
  readonly incidentsHeading: string
  readonly openHeading: string
  readonly pastHeading: string
  readonly noIncidents: string
  readonly incidentsUnavailable: string
  readonly incidentStatus: Readonly<Record<string, string>>
  readonly notFound: string
  readonly unknownCheck: (id: string) => string
  readonly unknownRun: (id: string) => string
  readonly error: string
  readonly yes: string
  readonly no: string
  readonly footer: (installation: string, zone: string) => string
}

const sv: WebText = {
  appName: 'Överföringskontroll',
  nav: { today: 'Idag', runs: 'Körningar', incidents: 'Incidenter', control: 'Kontrolldokument' },
  otherLanguage: 'English',
  status: { pass: 'godkänd', fail: 'avvikelse', error: 'kunde inte köras' },
  verdict: {
    pass: 'Allt godkänt',
    fail: 'Avvikelser hittades',
    error: 'Allt kunde inte kontrolleras',
    unfinished: 'Senaste körningen blev inte klar',
    none: 'Ingen körning registrerad ännu',
  },
  verdictDetail: (passed, failed, errors, checks) =>
    `${countOf(passed, { one: 'godkänt', other: 'godkända' }, 'sv')}, ${countOf(failed, { one: 'avvikelse', other: 'avvikelser' }, 'sv')}, ${formatWebNumber(errors, 'sv')} kunde inte köras — ${countOf(checks, { one: 'kontroll', other: 'kontroller' }, 'sv')}`,
  passed: 'inom gränsen',
  failed: 'skiljer mer än gränsen tillåter',
  differsBy: (difference) => `skiljer med ${difference}`,
  couldNotRun: (code) => `kunde inte köras (${code})`,
  trigger: (trigger) =>
    trigger === 'cli'
      ? 'kommandoraden'
      : trigger.startsWith('schedule:')
        ? `schemat ${trigger.slice('schedule:'.length)}`
        : trigger,
  andMore: (n) => `+${formatWebNumber(n, 'sv')} till`,
  lastRun: 'Senaste körning',
  lastLoad: 'Senaste laddning (brytpunkt)',
  noCutoff: 'ingen brytpunkt i senaste körningen',
  lateChanges: (rows) =>
    rows === null
      ? 'Källan lästes som vid brytpunkten'
      : `Sena ändringar: ${countOf(rows, { one: 'rad', other: 'rader' }, 'sv')} ändrade i källan efter brytpunkten, utelämnade på båda sidor`,
  stale: (since) => `Kontrollen har inte körts sedan ${since}. Kontrollera schemaläggningen.`,
  checksHeading: 'Kontrollerna',
  history: 'Historik',
  severity: 'Allvarlighetsgrad',
  owner: 'Ägare',
  allPassed: 'Alla villkor godkända.',
  notInLastRun: 'ingick inte i senaste körningen',
  openIncidents: (n) => countOf(n, { one: 'öppen incident', other: 'öppna incidenter' }, 'sv'),
  th: {
    time: 'Tid',
    check: 'Kontroll',
    assertion: 'Villkor',
    status: 'Status',
    source: 'Källan',
    target: 'Rapportkopian',
    difference: 'Skillnad',
    run: 'Körning',
    started: 'Startad',
    finished: 'Klar',
    duration: 'Tid det tog',
    trigger: 'Startad av',
    host: 'Server',
    results: 'Resultat',
    message: 'Vad som hittades',
    hash: 'Definitionens kontrollsumma',
    incident: 'Incident',
    opened: 'Öppnad',
    lastSeen: 'Senast sedd',
    resolved: 'Löst',
    occurrences: 'Körningar',
    summary: 'Sammanfattning',
    vendor: 'Ärende hos leverantören',
  },
  runStatus: { running: 'pågår eller avbröts', finished: 'klar', aborted: 'avbruten' },
  runsHeading: 'Körningar',
  runHeading: (id) => `Körning ${id}`,
  noRuns: 'Inga körningar är registrerade.',
  chartHeading: (assertion) => `${assertion} över tid`,
  chartLegend: {
    source: 'källan',
    target: 'rapportkopian',
    difference: 'skillnad (rapportkopian − källan)',
    lag: 'eftersläpning (timmar)',
    failed: 'körning med avvikelse',
  },
  latestOf: (at) => `Senaste resultat (${at})`,
  chartNote:
    'Varje punkt är en körning; rött fält betyder avvikelse. Siffrorna finns i historiktabellen nedan.',
  controlLink: 'Beskrivning i kontrolldokumentet',
  incidentsHeading: 'Incidenter',
  openHeading: 'Öppna',
  pastHeading: 'Lösta',
  noIncidents: 'Inga incidenter.',
  incidentsUnavailable:
    'Resultatlagret har ingen incidenttabell ännu (den skapas av en senare version). Avvikelserna syns under Idag och Körningar.',
  incidentStatus: { open: 'öppen', resolved: 'löst' },
  notFound: 'Sidan finns inte.',
  unknownCheck: (id) => `Ingen kontroll med id "${id}".`,
  unknownRun: (id) => `Ingen körning med id "${id}".`,
  error: 'Något gick fel när resultatlagret lästes',
  yes: 'ja',
  no: 'nej',
  footer: (installation, zone) => `${installation} · tider i ${zone} · endast läsning, inga patientuppgifter`,
}

const en: WebText = {
  appName: 'Transfer control',
  nav: { today: 'Today', runs: 'Runs', incidents: 'Incidents', control: 'Control document' },
  otherLanguage: 'Svenska',
  status: { pass: 'pass', fail: 'fail', error: 'could not run' },
  verdict: {
    pass: 'All passed',
    fail: 'Differences found',
    error: 'Could not check everything',
    unfinished: 'The last run did not finish',
    none: 'No run recorded yet',
  },
  verdictDetail: (passed, failed, errors, checks) =>
    `${formatWebNumber(passed, 'en')} passed, ${formatWebNumber(failed, 'en')} failed, ${formatWebNumber(errors, 'en')} could not run — ${countOf(checks, { one: 'check', other: 'checks' }, 'en')}`,
  passed: 'within the limit',
  failed: 'differs more than the limit allows',
  differsBy: (difference) => `differs by ${difference}`,
  couldNotRun: (code) => `could not run (${code})`,
  trigger: (trigger) =>
    trigger === 'cli'
      ? 'command line'
      : trigger.startsWith('schedule:')
        ? `schedule ${trigger.slice('schedule:'.length)}`
        : trigger,
  andMore: (n) => `+${formatWebNumber(n, 'en')} more`,
  lastRun: 'Last run',
  lastLoad: 'Last load (cutoff)',
  noCutoff: 'no cutoff in the last run',
  lateChanges: (rows) =>
    rows === null
      ? 'The source was read as of the cutoff'
      : `Late changes: ${countOf(rows, { one: 'row', other: 'rows' }, 'en')} changed in the source after the cutoff, left out on both sides`,
  stale: (since) => `The control has not run since ${since}. Check the scheduler.`,
  checksHeading: 'The checks',
  history: 'History',
  severity: 'Severity',
  owner: 'Owner',
  allPassed: 'Every assertion passed.',
  notInLastRun: 'not in the last run',
  openIncidents: (n) => countOf(n, { one: 'open incident', other: 'open incidents' }, 'en'),
  th: {
    time: 'Time',
    check: 'Check',
    assertion: 'Assertion',
    status: 'Status',
    source: 'Source',
    target: 'Reporting copy',
    difference: 'Difference',
    run: 'Run',
    started: 'Started',
    finished: 'Finished',
    duration: 'Took',
    trigger: 'Started by',
    host: 'Server',
    results: 'Results',
    message: 'What was found',
    hash: "Definition's hash",
    incident: 'Incident',
    opened: 'Opened',
    lastSeen: 'Last seen',
    resolved: 'Resolved',
    occurrences: 'Runs',
    summary: 'Summary',
    vendor: 'Vendor ticket',
  },
  runStatus: { running: 'running or interrupted', finished: 'finished', aborted: 'aborted' },
  runsHeading: 'Runs',
  runHeading: (id) => `Run ${id}`,
  noRuns: 'No runs are recorded.',
  chartHeading: (assertion) => `${assertion} over time`,
  chartLegend: {
    source: 'source',
    target: 'reporting copy',
    difference: 'difference (copy − source)',
    lag: 'lag (hours)',
    failed: 'run that failed',
  },
  latestOf: (at) => `Latest results (${at})`,
  chartNote: 'Each point is a run; a red band marks a failure. The numbers are in the history table below.',
  controlLink: 'Description in the control document',
  incidentsHeading: 'Incidents',
  openHeading: 'Open',
  pastHeading: 'Resolved',
  noIncidents: 'No incidents.',
  incidentsUnavailable:
    'The results store has no incidents table yet (a later version creates it). Differences are shown under Today and Runs.',
  incidentStatus: { open: 'open', resolved: 'resolved' },
  notFound: 'There is no such page.',
  unknownCheck: (id) => `No check with id "${id}".`,
  unknownRun: (id) => `No run with id "${id}".`,
  error: 'Something went wrong reading the results store',
  yes: 'yes',
  no: 'no',
  footer: (installation, zone) => `${installation} · times in ${zone} · read-only, no patient data`,
}

/** The dashboard's texts by language. */
export const WEB_TEXT: Readonly<Record<Language, WebText>> = { sv, en }

import type { AggregateFunction, CanonicalOptions, CheckDefinition, Side } from '../definitions/types.js'
import type { Inline } from './blocks.js'
import type { Language } from './language.js'

type Severity = CheckDefinition['severity']

/** Everything the control document says, in one language. Data (names, SQL, hashes) is passed in, never translated. */
export interface Phrases {
  readonly title: (installation: string) => string
  readonly intro: readonly (readonly Inline[])[]
  readonly howToRead: string
  readonly statuses: readonly (readonly Inline[])[]
  readonly aboutHeading: string
  readonly facts: {
    readonly installation: string
    readonly generated: string
    readonly checksDir: string
    readonly revision: string
    readonly revisionUnknown: string
    readonly revisionDirty: string
    readonly configFile: string
    readonly timezone: string
    readonly schedule: string
    readonly loadWait: string
    readonly connections: string
    readonly checkCount: (n: number) => string
  }
  readonly summaryHeading: string
  readonly summaryHead: readonly string[]
  readonly checksHeading: string
  readonly severity: Readonly<Record<Severity, string>>
  readonly sideName: Readonly<Record<Side, string>>
  readonly labels: {
    readonly purpose: string
    readonly compared: string
    readonly columns: string
    readonly columnsHead: readonly string[]
    readonly key: string
    readonly assertions: string
    readonly cutoff: string
    readonly alerting: string
    readonly responsibility: string
    readonly severity: string
    readonly owner: string
    readonly file: string
    readonly hash: string
    readonly sql: string
  }
  /** "Every night after the load, … is compared with …". */
  readonly compares: (source: readonly Inline[], target: readonly Inline[], hasCutoff: boolean) => Inline[]
  readonly dataset: {
    readonly table: (name: string) => Inline[]
    readonly query: (tables: readonly string[]) => Inline[]
    readonly onConnection: (connection: string) => Inline[]
    readonly sqlBelow: string
    readonly where: (condition: string) => Inline[]
  }
  readonly keyText: (columns: readonly string[], sensitive: boolean) => Inline[]
  readonly tolerance: (
    absolute: number | undefined,
    percent: number | undefined,
    what: 'rows' | 'value',
  ) => string
  readonly rowCount: (tolerance: string) => Inline[]
  readonly rowCountGrouped: (columns: readonly string[], tolerance: string, reported: number) => Inline[]
  readonly aggregate: Readonly<Record<AggregateFunction, string>>
  readonly aggregateSentence: (functions: readonly string[], column: string, tolerance: string) => Inline[]
  readonly freshness: (column: string, maxAge: string | undefined, maxLag: string | undefined) => Inline[]
  readonly checksum: (
    columns: readonly string[],
    locate: boolean,
    maxKeys: number,
    keySensitive: boolean,
    settings: readonly ColumnComparison[],
  ) => Inline[]
  readonly resultName: string
  readonly cron: (cron: string) => string
  readonly scheduleRun: (name: string, when: string, checks: readonly string[] | undefined) => Inline[]
  readonly loadWait: (
    connection: string,
    poll: string,
    deadline: string,
    maxAge: string,
    vendor: boolean,
  ) => Inline[]
  readonly noScheduleRuns: string
  readonly noMail: (extra: readonly string[]) => Inline[]
  readonly cutoffRule: (
    query: string,
    from: string,
    source: string | undefined,
    target: string | undefined,
  ) => Inline[][]
  readonly noCutoff: string
  readonly alerting: (installation: readonly string[] | null, extra: readonly string[]) => Inline[]
  readonly vendorTicket: (vendor: boolean, addresses: readonly string[] | null) => Inline[]
  readonly hashText: string
  readonly sqlFrom: {
    readonly store: (runId: string, at: string) => Inline[]
    readonly connect: (at: string) => Inline[]
    readonly none: (problem: string | undefined) => Inline[]
    readonly parameters: (values: string) => Inline[]
    readonly usedBy: (side: string, n: number, results: readonly string[]) => Inline[]
    readonly cutoffValue: (value: string) => Inline[]
  }
  readonly short: {
    readonly rows: string
    readonly query: string
    readonly rowsBy: (columns: string) => string
    readonly exact: string
    readonly freshness: (column: string, maxAge: string | undefined, maxLag: string | undefined) => string
    readonly checksum: (columns: number) => string
  }
  readonly list: (items: readonly string[]) => string
  readonly backToSummary: string
}

const code = (text: string): Inline => ({ code: text })

const WEEKDAYS = {
  sv: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
} as const

/**
 * A cron expression in words for the common forms (`M H * * *`, `M H * * 1-5`, `M H * * 1,3`); any other form is
 * shown as the expression itself.
 */
export function describeCron(cron: string, language: Language): string {
  const [minute, hour, dom, month, dow, ...rest] = cron.trim().split(/\s+/)
  const plain = `cron ${cron.trim()}`
  if (
    rest.length > 0 ||
    dom !== '*' ||
    month !== '*' ||
    !/^\d+$/.test(minute ?? '') ||
    !/^\d+$/.test(hour ?? '')
  )
    return plain
  const time = `${(hour ?? '').padStart(2, '0')}:${(minute ?? '').padStart(2, '0')}`
  const days = WEEKDAYS[language]
  const day = (n: string) => days[Number(n) % 7]
  let which: string | undefined
  if (dow === '*') which = language === 'sv' ? 'varje dag' : 'every day'
  else if (/^\d-\d$/.test(dow ?? '')) {
    const [from = '', to = ''] = (dow ?? '').split('-')
    which = language === 'sv' ? `${day(from)}–${day(to)}` : `${day(from)} to ${day(to)}`
  } else if (/^\d(,\d)*$/.test(dow ?? ''))
    which = joinList(
      (dow ?? '').split(',').map((d) => day(d) ?? d),
      language === 'sv' ? 'och' : 'and',
    )
  if (which === undefined) return plain
  return language === 'sv' ? `${which} kl. ${time} (${plain})` : `${which} at ${time} (${plain})`
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** A checked column whose definition sets how its values are compared. */
export interface ColumnComparison extends CanonicalOptions {
  readonly name: string
}

/** `fee` (2 decimals), `seen_at` (3 digits of the second): the per-column settings, in words. */
function settingsList(
  settings: readonly ColumnComparison[],
  words: {
    scale: (n: number) => string
    precision: (n: number) => string
    trim: string
    ignoreCase: string
  },
  and: string,
): Inline[] {
  return settings.flatMap((c, i) => {
    const parts = [
      c.scale === undefined ? undefined : words.scale(c.scale),
      c.precision === undefined ? undefined : words.precision(c.precision),
      c.trimTrailingSpaces === true ? words.trim : undefined,
      c.ignoreCase === true ? words.ignoreCase : undefined,
    ].filter((x) => x !== undefined)
    return [
      ...(i === 0 ? [] : [i === settings.length - 1 ? ` ${and} ` : ', ']),
      code(c.name),
      ` (${parts.join(', ')})`,
    ]
  })
}

/** Separates inline code items with commas and a final "and". */
function codeList(items: readonly string[], and: string): Inline[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : [i === items.length - 1 ? ` ${and} ` : ', ']),
    code(item),
  ])
}

const sv: Phrases = {
  title: (installation) => `Kontrolldokument: kontroll av överföringen till rapportkopian — ${installation}`,
  intro: [
    [
      'Det här dokumentet beskriver regionens egen kontroll av den nattliga överföringen från källsystemet till dess rapportkopia. ',
      'Efter varje nattlig laddning jämförs källdatabasen med rapportkopian inne i båda databaserna: antal rader, summor och andra sammanställningar, och hur aktuella uppgifterna är. ',
      'Varje resultat sparas med tid, uppmätta värden på båda sidor och en kontrollsumma av kontrollens definition, så att det i efterhand går att visa vad som kontrollerades och vad som hittades.',
    ],
    [
      'Inga patientuppgifter lämnar databaserna: kontrollen hämtar bara antal, summor, minsta och största värden, senaste tidpunkter och antal per grupp. ',
      'Dokumentet är framställt automatiskt ur de versionshanterade kontrolldefinitionerna och konfigurationen; det beskriver alltså exakt det som körs.',
    ],
  ],
  howToRead: 'Så läses resultaten',
  statuses: [
    [{ label: 'godkänd', tone: 'pass' }, ' — värdena stämmer överens inom det tillåtna gränsvärdet.'],
    [
      { label: 'avvikelse', tone: 'fail' },
      ' — skillnaden är större än gränsvärdet; de förvaltningsgrupper som anges larmas.',
    ],
    [
      { label: 'kunde inte köras', tone: 'error' },
      ' — kontrollen kunde inte genomföras (till exempel onåbar server eller tidsgräns); orsaken sparas.',
    ],
  ],
  aboutHeading: 'Om kontrollen',
  facts: {
    installation: 'Installation',
    generated: 'Dokumentet framställt',
    checksDir: 'Kontrolldefinitioner',
    revision: 'Version i git',
    revisionUnknown: 'okänd (katalogen är inte versionshanterad med git här)',
    revisionDirty: 'med ändringar som inte är incheckade',
    configFile: 'Konfiguration',
    timezone: 'Tidszon',
    schedule: 'Schema',
    loadWait: 'Väntan på laddningen',
    connections: 'Databaser',
    checkCount: (n) => `${n} ${n === 1 ? 'kontroll' : 'kontroller'}`,
  },
  summaryHeading: 'Sammanfattning',
  summaryHead: ['Kontroll', 'Vad den skyddar', 'Jämför', 'Gränsvärden', 'Allvarlighetsgrad', 'Ägare'],
  checksHeading: 'Kontrollerna i detalj',
  severity: { low: 'låg', medium: 'medel', high: 'hög', critical: 'kritisk' },
  sideName: { source: 'källan', target: 'rapportkopian' },
  labels: {
    purpose: 'Syfte',
    compared: 'Vad som jämförs',
    columns: 'Kolumner som jämförs',
    columnsHead: ['Namn i kontrollen', 'Kolumn i källan', 'Kolumn i rapportkopian'],
    key: 'Nyckel',
    assertions: 'Villkor och gränsvärden',
    cutoff: 'Brytpunkt (laddningens tidpunkt)',
    alerting: 'Larm och ärenden',
    responsibility: 'Ansvar',
    severity: 'Allvarlighetsgrad',
    owner: 'Ägare',
    file: 'Definitionsfil',
    hash: 'Definitionens kontrollsumma (SHA-256)',
    sql: 'Exakt SQL som körs',
  },
  compares: (source, target, hasCutoff) => [
    'Varje gång kontrollen körs, normalt varje natt efter laddningen, jämförs raderna i ',
    ...source,
    ...(hasCutoff ? [', som ändrats före laddningens brytpunkt,'] : []),
    ' med raderna i ',
    ...target,
    '.',
  ],
  dataset: {
    table: (name) => ['tabellen ', code(name)],
    query: (tables) => (tables.length === 0 ? ['en fråga'] : ['en fråga över ', ...codeList(tables, 'och')]),
    onConnection: (connection) => [' i databasen ', code(connection)],
    sqlBelow: ' (se SQL nedan)',
    where: (condition) => [', endast rader där ', code(condition)],
  },
  keyText: (columns, sensitive) => [
    'Raderna identifieras av ',
    ...codeList(columns, 'och'),
    sensitive
      ? '; nyckelvärdena räknas som känsliga och visas i resultat bara maskerade, aldrig i klartext.'
      : '; nyckelvärdena är inte känsliga och kan visas i resultat.',
  ],
  tolerance: (absolute, percent, what) => {
    const a =
      absolute !== undefined && absolute > 0
        ? `${String(absolute).replace('.', ',')}${what === 'rows' ? ' rader' : ''}`
        : undefined
    const p =
      percent !== undefined && percent > 0
        ? `${String(percent).replace('.', ',')} % av källans värde`
        : undefined
    if (a === undefined && p === undefined)
      return 'måste vara exakt lika på båda sidor (ingen skillnad tillåts)'
    return `får skilja högst ${[a, p].filter((x) => x !== undefined).join(' eller ')}`
  },
  rowCount: (tolerance) => [{ strong: 'Antal rader' }, `: antalet rader ${tolerance}.`],
  rowCountGrouped: (columns, tolerance, reported) => [
    { strong: `Antal rader per ${joinList(columns, 'och')}` },
    `: för varje kombination av ${joinList(columns, 'och')} ${tolerance.replace(/^måste/, 'måste antalet rader').replace(/^får/, 'får antalet rader')}. Ett resultat visar högst ${reported} avvikande grupper med sina antal, aldrig enskilda rader.`,
  ],
  aggregate: {
    sum: 'summan',
    min: 'det minsta värdet',
    max: 'det största värdet',
    null_count: 'antalet rader utan värde',
    distinct_count: 'antalet olika värden',
  },
  aggregateSentence: (functions, column, tolerance) => [
    { strong: `Sammanställning av ${column}` },
    `: ${joinList(functions, 'och')} av `,
    code(column),
    ` ${tolerance}. Varje mått är ett eget resultat.`,
  ],
  freshness: (column, maxAge, maxLag) => [
    { strong: `Aktualitet för ${column}` },
    ': det senaste värdet av ',
    code(column),
    ' i rapportkopian får vara ',
    [
      maxAge === undefined ? undefined : `högst ${maxAge} gammalt när kontrollen körs`,
      maxLag === undefined ? undefined : `högst ${maxLag} efter det senaste värdet i källan`,
    ]
      .filter((x) => x !== undefined)
      .join(' och '),
    '.',
  ],
  checksum: (columns, locate, maxKeys, keySensitive, settings) => [
    { strong: 'Kontrollsumma över alla värden' },
    ': för varje rad görs värdena i ',
    ...codeList(columns, 'och'),
    ' om till en kontrollsumma (hash) inne i varje databas, och radernas kontrollsummor summeras. Summorna måste vara lika på båda sidor, så att även ett enda ändrat värde upptäcks. ',
    'Tal jämförs med det större antal decimaler som de två kolumnerna har, tidpunkter med den mindre noggrannhet som de två kolumnerna har (avkortat), flyttal bit för bit och övriga värden exakt',
    ...(settings.length === 0
      ? ['. ']
      : [
          '; inställt per kolumn: ',
          ...settingsList(
            settings,
            {
              scale: (n) => `${n} decimaler`,
              precision: (n) => `${n} decimaler i sekunden`,
              trim: 'avslutande blanksteg räknas inte',
              ignoreCase: 'A–Z lika med a–z',
            },
            'och',
          ),
          '. ',
        ]),
    locate
      ? `Vid en avvikelse letas de avvikande raderna upp med hjälp av nyckeln och räknas som saknade, extra eller ändrade; ett resultat visar högst ${maxKeys} nycklar${keySensitive ? ', maskerade (aldrig i klartext)' : ''}.`
      : 'En avvikelse rapporteras som helhet, utan att enskilda rader letas upp.',
  ],
  resultName: 'Resultatets namn',
  cron: (cron) => describeCron(cron, 'sv'),
  scheduleRun: (name, when, checks) => [
    { code: name },
    `: ${when}`,
    checks === undefined ? ', alla kontroller' : `, kontrollerna ${joinList(checks, 'och')}`,
  ],
  loadWait: (connection, poll, deadline, maxAge, vendor) => [
    'Väntar först på att nattens laddning är klar: frågar ',
    code(connection),
    ` var ${poll}. En laddning som blev klar högst ${maxAge} före den schemalagda tiden räknas. Har laddningen inte blivit klar inom ${deadline} räknas den som försenad och larm skickas${vendor ? ', även som ärende till leverantören' : ''}.`,
  ],
  noScheduleRuns:
    'inga schemalagda körningar i konfigurationen; kontrollen startas av driftens schemaläggare',
  noMail: (extra) => [
    'Vid en avvikelse, eller om kontrollen inte kunde köras, öppnas en incident som syns i översikten. Ingen e-post är konfigurerad i denna installation, så ingen larmas per e-post',
    ...(extra.length === 0
      ? ['.']
      : ['; när e-post konfigureras larmas också ', ...codeList(extra, 'och'), ' för denna kontroll.']),
  ],
  cutoffRule: (query, from, source, target) => [
    [
      `Före jämförelsen frågar kontrollen ${from} efter tidpunkten för den senaste laddningen med frågan `,
      code(query),
      '. Den tidpunkten är brytpunkten.',
    ],
    [
      ...(source === undefined
        ? []
        : ['I källan utelämnas rader där ', code(source), ' är senare än brytpunkten']),
      ...(source !== undefined && target !== undefined
        ? ['; i rapportkopian rader där ', code(target), ' är senare']
        : []),
      ...(source === undefined && target !== undefined
        ? ['I rapportkopian utelämnas rader där ', code(target), ' är senare än brytpunkten']
        : []),
      '. Ändringar som görs i källan efter laddningen ger därför inget falskt larm. Brytpunkten skickas till frågorna som parameter och sparas med varje resultat.',
    ],
  ],
  noCutoff:
    'Ingen brytpunkt: båda sidor jämförs som de ser ut när kontrollen körs. Det passar uppgifter som inte ändras under natten.',
  alerting: (installation, extra) => [
    'Vid en avvikelse, eller om kontrollen inte kunde köras, öppnas en incident och ett larm skickas till ',
    ...(installation === null || installation.length === 0
      ? ['de mottagare som är konfigurerade för installationen']
      : codeList(installation, 'och')),
    ...(extra.length === 0 ? [] : [', och dessutom till ', ...codeList(extra, 'och')]),
    '. Larmet upprepas så länge incidenten är öppen, och ett meddelande skickas när kontrollen åter är godkänd.',
  ],
  vendorTicket: (vendor, addresses) =>
    vendor
      ? [
          'Leverantören ansvarar för denna överföring: en avvikelse öppnar också ett ärende hos leverantören',
          ...(addresses === null || addresses.length === 0 ? [] : [' (', ...codeList(addresses, 'och'), ')']),
          ', med kontrollens namn, tabeller, uppmätta värden, tidpunkt, exakt SQL och körningens id.',
        ]
      : [
          'Inget ärende skickas till leverantören för denna kontroll; regionens förvaltning hanterar avvikelser.',
        ],
  hashText:
    'Kontrollsumman beräknas ur den validerade definitionen och sparas med varje resultat. Den ändras när, och bara när, kontrollens innebörd ändras (inte av kommentarer eller formatering); historiken visar alltså vilken version av kontrollen varje resultat kommer från.',
  sqlFrom: {
    store: (runId, at) => [
      'Frågorna nedan är exakt de som servrarna tog emot vid körningen ',
      code(runId),
      ` (${at}) med denna version av definitionen. Parametrar (`,
      code('$1'),
      ', ',
      code('@1'),
      ') är bundna värden, inte text i frågan.',
    ],
    connect: (at) => [
      `Frågorna nedan byggdes ${at} genom att ansluta till databaserna (endast katalogen och brytpunktsfrågan lästes, inga data). De är exakt de frågor en körning skickar.`,
    ],
    none: (problem) => [
      'Ingen körning med denna version av definitionen finns sparad ännu, så frågorna kan inte visas här. ',
      'Kör ',
      code('reconcile explain --connect'),
      ' för att bygga dem mot databaserna',
      ...(problem === undefined ? ['.'] : ['; det gick inte nu: ', problem, '.']),
    ],
    parameters: (values) => ['Parametrar: ', code(values)],
    usedBy: (side, n, results) => [
      { strong: `${side}, fråga ${n}` },
      ' — ger resultaten ',
      ...codeList(results, 'och'),
    ],
    cutoffValue: (value) => ['Brytpunkten vid den körningen: ', code(value), '.'],
  },
  short: {
    rows: 'rader',
    query: 'fråga',
    rowsBy: (columns) => `rader per ${columns}`,
    exact: 'exakt',
    freshness: (column, maxAge, maxLag) =>
      `aktualitet ${column}: ${[
        maxAge === undefined ? undefined : `≤ ${maxAge} gammal`,
        maxLag === undefined ? undefined : `≤ ${maxLag} efter källan`,
      ]
        .filter((x) => x !== undefined)
        .join(', ')}`,
    checksum: (columns) => `kontrollsumma (${columns} kolumner): exakt`,
  },
  list: (items) => joinList(items, 'och'),
  backToSummary: 'Till sammanfattningen',
}

const en: Phrases = {
  title: (installation) => `Control document: the transfer control of the reporting copy — ${installation}`,
  intro: [
    [
      "This document describes the region's own control of the nightly transfer from the source system to its reporting copy. ",
      'After each nightly load the source database is compared with the reporting copy inside both databases: row counts, sums and other aggregates, and how recent the data is. ',
      'Every result is recorded with its time, the values observed on both sides and a hash of the check definition, so that it can be shown afterwards what was checked and what was found.',
    ],
    [
      'No patient data leaves the databases: the control reads only counts, sums, smallest and largest values, newest timestamps and counts per group. ',
      'This document is generated from the version-controlled check definitions and the configuration, so it describes exactly what runs.',
    ],
  ],
  howToRead: 'How to read the results',
  statuses: [
    [{ label: 'pass', tone: 'pass' }, ' — the values agree within the allowed threshold.'],
    [
      { label: 'fail', tone: 'fail' },
      ' — the difference is larger than the threshold; the management groups named are alerted.',
    ],
    [
      { label: 'could not run', tone: 'error' },
      ' — the check could not be carried out (for example an unreachable server or a timeout); the cause is recorded.',
    ],
  ],
  aboutHeading: 'About the control',
  facts: {
    installation: 'Installation',
    generated: 'Document generated',
    checksDir: 'Check definitions',
    revision: 'Git revision',
    revisionUnknown: 'unknown (the directory is not under git here)',
    revisionDirty: 'with uncommitted changes',
    configFile: 'Configuration',
    timezone: 'Time zone',
    schedule: 'Schedule',
    loadWait: 'Waiting for the load',
    connections: 'Databases',
    checkCount: (n) => `${n} ${n === 1 ? 'check' : 'checks'}`,
  },
  summaryHeading: 'Summary',
  summaryHead: ['Check', 'What it protects', 'Compares', 'Thresholds', 'Severity', 'Owner'],
  checksHeading: 'The checks in detail',
  severity: { low: 'low', medium: 'medium', high: 'high', critical: 'critical' },
  sideName: { source: 'the source', target: 'the reporting copy' },
  labels: {
    purpose: 'Purpose',
    compared: 'What is compared',
    columns: 'Columns compared',
    columnsHead: ['Name in the check', 'Column in the source', 'Column in the reporting copy'],
    key: 'Key',
    assertions: 'Assertions and thresholds',
    cutoff: "Cutoff (the load's time)",
    alerting: 'Alerts and tickets',
    responsibility: 'Responsibility',
    severity: 'Severity',
    owner: 'Owner',
    file: 'Definition file',
    hash: "Definition's hash (SHA-256)",
    sql: 'The exact SQL that runs',
  },
  compares: (source, target, hasCutoff) => [
    'Each time the control runs, normally every night after the load, the rows of ',
    ...source,
    ...(hasCutoff ? [" that were changed before the load's cutoff"] : []),
    ' are compared with the rows of ',
    ...target,
    '.',
  ],
  dataset: {
    table: (name) => ['table ', code(name)],
    query: (tables) => (tables.length === 0 ? ['a query'] : ['a query over ', ...codeList(tables, 'and')]),
    onConnection: (connection) => [' in database ', code(connection)],
    sqlBelow: ' (SQL below)',
    where: (condition) => [', only rows where ', code(condition)],
  },
  keyText: (columns, sensitive) => [
    'Rows are identified by ',
    ...codeList(columns, 'and'),
    sensitive
      ? '; key values count as sensitive and appear in results only masked, never in clear.'
      : '; key values are not sensitive and may appear in results.',
  ],
  tolerance: (absolute, percent, what) => {
    const a =
      absolute !== undefined && absolute > 0 ? `${absolute}${what === 'rows' ? ' rows' : ''}` : undefined
    const p = percent !== undefined && percent > 0 ? `${percent} % of the source value` : undefined
    if (a === undefined && p === undefined)
      return 'must be exactly equal on both sides (no difference allowed)'
    return `may differ by at most ${[a, p].filter((x) => x !== undefined).join(' or ')}`
  },
  rowCount: (tolerance) => [{ strong: 'Row count' }, `: the number of rows ${tolerance}.`],
  rowCountGrouped: (columns, tolerance, reported) => [
    { strong: `Row count per ${joinList(columns, 'and')}` },
    `: for every combination of ${joinList(columns, 'and')}, the number of rows ${tolerance}. A result lists at most ${reported} differing groups with their counts, never individual rows.`,
  ],
  aggregate: {
    sum: 'the sum',
    min: 'the smallest value',
    max: 'the largest value',
    null_count: 'the number of rows without a value',
    distinct_count: 'the number of distinct values',
  },
  aggregateSentence: (functions, column, tolerance) => [
    { strong: `Aggregates of ${column}` },
    `: ${joinList(functions, 'and')} of `,
    code(column),
    ` ${tolerance}. Each measure is a result of its own.`,
  ],
  freshness: (column, maxAge, maxLag) => [
    { strong: `Freshness of ${column}` },
    ': the newest ',
    code(column),
    ' in the reporting copy may be ',
    [
      maxAge === undefined ? undefined : `at most ${maxAge} old when the check runs`,
      maxLag === undefined ? undefined : `at most ${maxLag} behind the newest in the source`,
    ]
      .filter((x) => x !== undefined)
      .join(' and '),
    '.',
  ],
  checksum: (columns, locate, maxKeys, keySensitive, settings) => [
    { strong: 'Checksum of every value' },
    ': for every row, the values of ',
    ...codeList(columns, 'and'),
    ' are turned into a hash inside each database, and the hashes of all rows are summed. The sums must be equal on both sides, so that even a single changed value is found. ',
    'Numbers are compared at the larger number of decimals the two columns declare, timestamps at the smaller declared fraction of a second (truncated), floats bit for bit and other values exactly',
    ...(settings.length === 0
      ? ['. ']
      : [
          '; set per column: ',
          ...settingsList(
            settings,
            {
              scale: (n) => `${n} decimals`,
              precision: (n) => `${n} digits of the second`,
              trim: 'trailing spaces ignored',
              ignoreCase: 'A–Z equal to a–z',
            },
            'and',
          ),
          '. ',
        ]),
    locate
      ? `On a difference the differing rows are located by key and counted as missing, extra or changed; a result lists at most ${maxKeys} keys${keySensitive ? ', masked (never in clear)' : ''}.`
      : 'A difference is reported as a whole, without locating rows.',
  ],
  resultName: 'Result name',
  cron: (cron) => describeCron(cron, 'en'),
  scheduleRun: (name, when, checks) => [
    { code: name },
    `: ${when}`,
    checks === undefined ? ', all checks' : `, the checks ${joinList(checks, 'and')}`,
  ],
  loadWait: (connection, poll, deadline, maxAge, vendor) => [
    "First waits for the night's load to finish: asks ",
    code(connection),
    ` every ${poll}. A load that finished at most ${maxAge} before the scheduled time counts. If the load has not finished within ${deadline}, it counts as late and an alert is sent${vendor ? ', also as a ticket to the vendor' : ''}.`,
  ],
  noScheduleRuns: "no scheduled runs in the configuration; the operators' scheduler starts the control",
  noMail: (extra) => [
    'On a difference, or when the check could not run, an incident is opened and shown on the dashboard. No mail is configured in this installation, so nobody is alerted by email',
    ...(extra.length === 0
      ? ['.']
      : ['; once mail is configured, ', ...codeList(extra, 'and'), ' will also be alerted for this check.']),
  ],
  cutoffRule: (query, from, source, target) => [
    [
      `Before comparing, the control asks ${from} for the time of the last load with the query `,
      code(query),
      '. That time is the cutoff.',
    ],
    [
      ...(source === undefined
        ? []
        : ['In the source, rows whose ', code(source), ' is later than the cutoff are left out']),
      ...(source !== undefined && target !== undefined
        ? ['; in the reporting copy, rows whose ', code(target), ' is later']
        : []),
      ...(source === undefined && target !== undefined
        ? ['In the reporting copy, rows whose ', code(target), ' is later than the cutoff are left out']
        : []),
      '. Changes made in the source after the load therefore raise no false alarm. The cutoff is passed to the queries as a parameter and recorded with every result.',
    ],
  ],
  noCutoff:
    'No cutoff: both sides are compared as they are when the check runs. This suits data that does not change during the night.',
  alerting: (installation, extra) => [
    'On a difference, or when the check could not run, an incident is opened and an alert is sent to ',
    ...(installation === null || installation.length === 0
      ? ['the recipients configured for the installation']
      : codeList(installation, 'and')),
    ...(extra.length === 0 ? [] : [', and also to ', ...codeList(extra, 'and')]),
    '. The alert is repeated while the incident stays open, and a message is sent when the check passes again.',
  ],
  vendorTicket: (vendor, addresses) =>
    vendor
      ? [
          'The vendor is responsible for this transfer: a difference also opens a ticket with the vendor',
          ...(addresses === null || addresses.length === 0 ? [] : [' (', ...codeList(addresses, 'and'), ')']),
          ", carrying the check's name, tables, observed values, time, exact SQL and run id.",
        ]
      : [
          "No ticket is sent to the vendor for this check; the region's management group handles differences.",
        ],
  hashText:
    "The hash is computed from the validated definition and recorded with every result. It changes when, and only when, the check's meaning changes (not with comments or formatting), so history shows which version of the check each result came from.",
  sqlFrom: {
    store: (runId, at) => [
      'The statements below are exactly those the servers received in run ',
      code(runId),
      ` (${at}) with this version of the definition. Parameters (`,
      code('$1'),
      ', ',
      code('@1'),
      ') are bound values, not text in the statement.',
    ],
    connect: (at) => [
      `The statements below were built at ${at} by connecting to the databases (only the catalog and the cutoff query were read, no data). They are exactly what a run sends.`,
    ],
    none: (problem) => [
      'No run with this version of the definition is recorded yet, so its statements cannot be shown here. ',
      'Run ',
      code('reconcile explain --connect'),
      ' to build them against the databases',
      ...(problem === undefined ? ['.'] : ['; that failed now: ', problem, '.']),
    ],
    parameters: (values) => ['Parameters: ', code(values)],
    usedBy: (side, n, results) => [
      { strong: `${side}, statement ${n}` },
      ' — gives the results ',
      ...codeList(results, 'and'),
    ],
    cutoffValue: (value) => ['The cutoff in that run: ', code(value), '.'],
  },
  short: {
    rows: 'rows',
    query: 'query',
    rowsBy: (columns) => `rows per ${columns}`,
    exact: 'exact',
    freshness: (column, maxAge, maxLag) =>
      `freshness ${column}: ${[
        maxAge === undefined ? undefined : `≤ ${maxAge} old`,
        maxLag === undefined ? undefined : `≤ ${maxLag} behind`,
      ]
        .filter((x) => x !== undefined)
        .join(', ')}`,
    checksum: (columns) => `checksum (${columns} columns): exact`,
  },
  list: (items) => joinList(items, 'and'),
  backToSummary: 'Back to the summary',
}

/** The control document's phrases in a language. */
export const PHRASES: Readonly<Record<Language, Phrases>> = { sv, en }

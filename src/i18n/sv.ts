import type { Catalog } from './catalog.js'
import { code, codeList, joinList } from './phrase-helpers.js'

/** Swedish: the default language, as most readers read it first. */
export const sv: Catalog = {
  tag: 'sv-SE',
  name: 'svenska',
  units: {
    d: ['dygn', 'dygn'],
    h: ['timme', 'timmar'],
    m: ['minut', 'minuter'],
    s: ['sekund', 'sekunder'],
  },
  shortUnits: { d: 'd', h: 'h', m: 'min', s: 's' },
  shortUnitSpaced: true,
  and: 'och',

  // Mail, vendor ticket, webhook text and morning report.
  notify: {},

  // The dashboard.
  web: {
    appName: 'Överföringskontroll',
    nav: { today: 'Idag', runs: 'Körningar', incidents: 'Incidenter', control: 'Kontrolldokument' },
    status: { pass: 'godkänd', fail: 'avvikelse', error: 'kunde inte köras' },
    verdict: {
      pass: 'Allt godkänt',
      fail: 'Avvikelser hittades',
      error: 'Allt kunde inte kontrolleras',
      unfinished: 'Senaste körningen blev inte klar',
      none: 'Ingen körning registrerad ännu',
    },
    counts: {
      passed: ['godkänt', 'godkända'],
      failed: ['avvikelse', 'avvikelser'],
      errors: ['kunde inte köras', 'kunde inte köras'],
      checks: ['kontroll', 'kontroller'],
      rows: ['rad', 'rader'],
      openIncidents: ['öppen incident', 'öppna incidenter'],
    },
    passed: 'inom gränsen',
    failed: 'skiljer mer än gränsen tillåter',
    differsBy: (difference) => `skiljer med ${difference}`,
    couldNotRun: (code) => `kunde inte köras (${code})`,
    verdictDetail: (passed, failed, errors, checks) => `${passed}, ${failed}, ${errors} — ${checks}`,
    trigger: { cli: 'kommandoraden', schedule: (name) => `schemat ${name}` },
    andMore: (n) => `+${n} till`,
    lastRun: 'Senaste körning',
    lastLoad: 'Senaste laddning (brytpunkt)',
    noCutoff: 'ingen brytpunkt i senaste körningen',
    readAsOfCutoff: 'Källan lästes som vid brytpunkten',
    lateChanges: (rows) =>
      `Sena ändringar: ${rows} ändrade i källan efter brytpunkten, utelämnade på båda sidor`,
    stale: (since) => `Kontrollen har inte körts sedan ${since}. Kontrollera schemaläggningen.`,
    checksHeading: 'Kontrollerna',
    history: 'Historik',
    severity: 'Allvarlighetsgrad',
    owner: 'Ägare',
    allPassed: 'Alla villkor godkända.',
    notInLastRun: 'ingick inte i senaste körningen',
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
    footer: (installation, zone) =>
      `${installation} · tider i ${zone} · endast läsning, inga patientuppgifter`,
  },

  // The control document.
  document: {
    title: (installation) =>
      `Kontrolldokument: kontroll av överföringen till rapportkopian — ${installation}`,
    intro: [
      [
        'Det här dokumentet beskriver regionens egen kontroll av den nattliga överföringen från källsystemet till dess rapportkopia. ',
        'Efter varje nattlig laddning jämförs källdatabasen med rapportkopian inne i båda databaserna: antal rader, summor och andra sammanställningar, och hur aktuella uppgifterna är. ',
        'Varje resultat sparas med tid, uppmätta värden på båda sidor och en kontrollsumma av kontrollens definition, så att det i efterhand går att visa vad som kontrollerades och vad som hittades.',
      ],
      [
        'Inga patientuppgifter lämnar databaserna: kontrollen hämtar bara antal, summor, minsta och största värden, senaste tidpunkter, antal per grupp och kontrollsummor (hashvärden) av värden; nycklarna till avvikande rader visas i resultat bara maskerade, om inte en definition anger att dess nycklar inte är känsliga. ',
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
      checks: ['kontroll', 'kontroller'],
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
    compares: (source, target) => [
      'Varje gång kontrollen körs, normalt varje natt efter laddningen, jämförs raderna i ',
      ...source,
      ' med raderna i ',
      ...target,
      '.',
    ],
    dataset: {
      table: (name) => ['tabellen ', code(name)],
      query: (tables) =>
        tables.length === 0 ? ['en fråga'] : ['en fråga över ', ...codeList(tables, 'och')],
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
    resultName: 'Resultatets namn',
    cron: {
      weekdays: ['söndag', 'måndag', 'tisdag', 'onsdag', 'torsdag', 'fredag', 'lördag'],
      everyDay: 'varje dag',
      dayRange: (from, to) => `${from}–${to}`,
      at: (days, time, expression) => `${days} kl. ${time} (${expression})`,
    },
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
        ...(source === undefined && target === undefined ? [] : ['. ']),
        'Brytpunkten skickas till frågorna som parameter och sparas med varje resultat.',
      ],
    ],
    lateChanges: {
      none: [
        [
          'Varje ändring i källan efter laddningen (en rad som lagts till, ändrats eller raderats) kan därför göra att sidorna skiljer sig och ge larm fast överföringen var korrekt. För att jämföra som vid laddningen, lägg till ',
          code('cutoff'),
          ' och ',
          code('late_changes'),
          ' i definitionen.',
        ],
      ],
      cutoffOnly: (sourceColumn) => {
        const add = [
          'För att utelämna dem, lägg till ',
          code('late_changes'),
          ' i definitionen (',
          code('source_column'),
          ', eller ',
          code('read_as_of'),
          ' för en systemversionerad tabell).',
        ]
        return [
          sourceColumn === undefined
            ? [
                'Den här definitionen utelämnar inte sena ändringar (den saknar ',
                code('late_changes'),
                '), och källan läses i sin helhet: en rad som lagts till, ändrats eller raderats i källan efter laddningen gör att sidorna skiljer sig och kan ge larm fast överföringen var korrekt. ',
                ...add,
              ]
            : [
                'Den här definitionen utelämnar inte sena ändringar (den saknar ',
                code('late_changes'),
                '). En rad som lagts till i källan efter brytpunkten, med senare ',
                code(sourceColumn),
                ', utelämnas och ger inget larm. Men en rad som ändrats efter laddningen kan ge larm: har dess ',
                code(sourceColumn),
                ' flyttats förbi brytpunkten utelämnas den i källan medan kopian fortfarande har den, annars jämförs dess nya värden med kopian. En rad som raderats i källan efter laddningen blir extra i kopian. ',
                ...add,
              ],
        ]
      },
      keys: (sourceColumn, maxKeys) => [
        [
          'Sena ändringar utelämnas: källan är i drift, och rader som ändrats efter brytpunkten finns ännu inte i kopian. Före jämförelsen läser kontrollen nycklarna för de rader i källan där ',
          code(sourceColumn),
          ` är senare än brytpunkten (högst ${maxKeys}; fler än så ger ett fel i stället för en jämförelse) och utelämnar de raderna på båda sidor, i varje kontrollpunkt, så att rader som lagts till eller ändrats efter laddningen inte ger larm. Nycklarna finns bara i kontrollens minne; varje resultat anger hur många rader som utelämnades.`,
        ],
        [
          'En rad som raderats i källan efter laddningen lämnar inget spår att läsa: den finns kvar i kopian och redovisas som extra i målet, med anmärkningen att den kan ha raderats efter laddningen.',
        ],
      ],
      asOf: [
        [
          'Sena ändringar utelämnas: källtabellen läses som den såg ut vid brytpunkten (SQL Servers systemversionerade temporala tabell, FOR SYSTEM_TIME AS OF brytpunkten i UTC), så rader som lagts till, ändrats eller raderats efter laddningen syns inte i jämförelsen och ger inget larm.',
        ],
      ],
    },
    noCutoff:
      'Ingen brytpunkt: båda sidor jämförs som de ser ut när kontrollen körs. Det passar uppgifter som inte ändras under natten.',
    alerting: (installation, extra, reminderAfter) => [
      'Vid en avvikelse, eller om kontrollen inte kunde köras, öppnas en incident och ett larm skickas till ',
      ...(installation === null || installation.length === 0
        ? ['de mottagare som är konfigurerade för installationen']
        : codeList(installation, 'och')),
      ...(extra.length === 0 ? [] : [', och dessutom till ', ...codeList(extra, 'och')]),
      '. Så länge incidenten är öppen skickar ytterligare körningar med avvikelse inget nytt larm (översikten och historiken visar varje körning). ',
      ...(reminderAfter === null
        ? ['Inga påminnelser skickas (', code('incidents.reminder_after: off'), ' i konfigurationen). ']
        : [
            `Är incidenten fortfarande öppen efter ${reminderAfter} utan att något meddelande har skickats går en påminnelse ut, och sedan igen efter varje ytterligare ${reminderAfter}. `,
          ]),
      'Ett meddelande skickas när kontrollen åter är godkänd.',
    ],
    vendorTicket: (vendor, addresses) =>
      vendor
        ? [
            'Leverantören ansvarar för denna överföring: en avvikelse öppnar också ett ärende hos leverantören',
            ...(addresses === null || addresses.length === 0
              ? []
              : [' (', ...codeList(addresses, 'och'), ')']),
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
      query: 'fråga',
    },
    backToSummary: 'Till sammanfattningen',
  },

  // Check kinds.
  kinds: {},

  // Result messages by code.
  results: {},
}

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
  notify: {
    status: { pass: 'OK', fail: 'AVVIKELSE', error: 'KUNDE INTE KÖRAS' },
    statusLabel: 'Status',
    subjectTag: {
      fail: 'AVVIKELSE',
      error: 'FEL',
      resolved: 'ÅTGÄRDAT',
      reminder: 'PÅMINNELSE',
      ticket: 'ÄRENDE',
      late: 'SENT LAGRAD',
    },
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
    storedLate: (runAt, status, storedAt) =>
      `Sent lagrat: körningen ${runAt} kunde inte lagras då (resultatlagret var otillgängligt). Dess resultat sparades lokalt och lades in ${storedAt}; körningens slutstatus: ${status}.`,
    openedAlertIntro: (title, id, when) =>
      `Kontrollen "${title}" (${id}) hittade en avvikelse mellan källan och rapportkopian i körningen ${when}.`,
    errorAlertIntro: (title, id, when) =>
      `Kontrollen "${title}" (${id}) kunde inte köras ${when}: överföringen är alltså inte kontrollerad.`,
    reminderIntro: (title, id, age, runs) =>
      `Kontrollen "${title}" (${id}) har inte gått igenom på ${age} (${runs}). Ärendet är fortfarande öppet.`,
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
    cutoff: 'Jämfört per (brytpunkt)',
    noCutoff: 'ingen brytpunkt',
    lateChanges: 'Sena ändringar (utelämnade)',
    lateChangesValue: (rows) =>
      rows === null
        ? 'källan läst som vid brytpunkten'
        : `${rows} i källan efter brytpunkten, utelämnade på båda sidor`,
    definitionHash: 'Definitionens hash',
    definitionFile: 'Definitionsfil',
    vendorInformed: 'Leverantören har fått ett ärende med underlaget.',
    nextSteps: (check) =>
      `Historik: reconcile history --check ${check}\nÖppna incidenter: reconcile incidents`,
    noRepeat: (reminder) =>
      reminder === null
        ? 'Inga fler meddelanden skickas om denna avvikelse förrän den är åtgärdad.'
        : `Inga fler meddelanden skickas om denna avvikelse förrän den är åtgärdad (en påminnelse efter ${reminder}).`,
    ticketIntro: (installation) =>
      `Automatiskt ärende från ${installation}: kontrollen av överföringen från källsystemet till rapportkopian har hittat en avvikelse. Underlaget nedan ska räcka för att felsöka utan att ringa oss.`,
    ticketEvidence: 'Underlag',
    ticketSql: (side) => `SQL på ${side === 'source' ? 'källan' : 'målet'}`,
    ticketParameters: 'Parametrar',
    ticketDuration: 'Körtid',
    ticketAttachment: 'Samma underlag finns som JSON i bilagan.',
    ticketNoPatientData:
      'Ärendet innehåller inga patientuppgifter: bara antal, summor, tider och maskerade nycklar.',
    groupsTitle: 'Grupper som skiljer',
    andMoreGroups: (groups) => `… och ${groups}`,
    errorCause: 'Orsak',
    valuesDiffer: 'värdena skiljer',
    findings: {
      rows: 'Rader',
      category: { missing: 'saknas', extra: 'för mycket', changed: 'ändrade', duplicate: 'dubblettnycklar' },
      atLeast: 'minst',
      columns: 'Kolumner som skiljer',
      columnRows: (column, rows) => `${column} (${rows})`,
      groups: 'Grupper som skiljer, störst först',
      groupCounts: (source, target) => `källa ${source}, mål ${target}`,
      sampleKeys: 'Exempel på nycklar (maskerade)',
      checkFirst: 'Nästa steg',
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
    loadCheck: {
      title: 'Nattens laddning blev klar i tid',
      description: (connection) =>
        `Före de schemalagda kontrollerna frågar verktyget rapportkopians laddningslogg (anslutning "${connection}") när den senaste laddningen blev klar, och väntar tills nattens laddning är klar eller tidsgränsen passerats. En sen eller utebliven laddning betyder att rapporterna bygger på gårdagens data.`,
    },
    runs: ['körning', 'körningar'],
    rows: ['rad', 'rader'],
    changedRows: ['rad ändrad', 'rader ändrade'],
    moreGroups: ['grupp till', 'grupper till'],
    report: {
      subject: (date) => `Morgonrapport ${date}`,
      allPassedOne: 'Kontrollen stämde i natt',
      allPassed: (checks) => `Alla ${checks} stämde i natt`,
      failed: (failed, of) => `${failed} av ${of} avvek`,
      errors: (n, of) => (of === null ? `${n} kunde inte köras` : `${n} av ${of} kunde inte köras`),
      notRunCount: (n) => `${n} kördes inte i natt`,
      noRun: (since) => `Ingen körning i natt (senaste ${since})`,
      unfinished: (schedule, since) => `KÖRNINGEN ${schedule} INTE KLAR (pågår sedan ${since})`,
      unfinishedHeadline: 'Nattens körning är inte klar',
      lastLoad: (when) => `Nattens laddning blev klar ${when}.`,
      lastLoadUnknown: 'När nattens laddning blev klar är inte känt.',
      lastRun: (when, status) => `Kontrollerna kördes ${when} (${status}).`,
      runStatus: { finished: 'klar', aborted: 'avbruten', running: 'pågår' },
      checksTitle: (nights) => `Kontrollerna, de senaste ${nights} nätterna`,
      columns: { check: 'Kontroll', found: 'I natt', nights: 'Nätter', streak: 'Trend' },
      trendLegend: '✓ stämde · ✗ avvek · ! kunde inte köras · – ingen körning; äldsta natten först',
      loadTopic: 'laddningen',
      agree: (topics) => `${topics} stämmer`,
      notRun: 'kördes inte i natt',
      lastRunOn: (date) => `kördes inte i natt (senast ${date})`,
      couldNotRun: 'kunde inte köras',
      rowsMissing: (rows) => `${rows} saknas`,
      rowsExtra: (rows) => `${rows} för mycket`,
      differs: 'skiljer',
      differsBy: (amount) => `skiljer med ${amount}`,
      measuresDiffer: (measures) => `${measures} skiljer`,
      measures: ['mått', 'mått'],
      behind: (duration) => `${duration} efter källan`,
      ahead: (duration) => `${duration} före källan`,
      loadLate: 'blev inte klar i tid',
      streak: (status, nights) => {
        if (nights === 1) return 'ny i natt'
        const verb = status === 'fail' ? 'avviker' : 'kunde inte köras'
        // Swedish ordinals: 1:a, 2:a, 21:a, 22:a but 3:e, 11:e, 12:e (Intl's 'one' ordinal category).
        const suffix =
          new Intl.PluralRules('sv-SE', { type: 'ordinal' }).select(nights) === 'one' ? ':a' : ':e'
        return `${verb} ${nights}${suffix} natten i rad`
      },
      passingAgain: 'stämmer igen',
      openSince: (date) => `öppen sedan ${date}`,
      checks: ['kontroll', 'kontroller'],
    },
  },

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
        'Inga patientuppgifter lämnar databaserna: kontrollen hämtar bara antal, summor, minsta och största värden (av tal och tidsstämplar, eller av kolumner som en definition anger inte är personuppgifter), senaste tidpunkter, antal per grupp och kontrollsummor (hashvärden) av värden; nycklarna till avvikande rader visas i resultat bara maskerade, om inte en definition anger att dess nycklar inte är känsliga. ',
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
    webhook: (name, events) => [
      'Samma händelser skickas också som JSON till webbkroken ',
      code(name),
      ' (',
      ...codeList(events, 'och'),
      '), med samma omförsök som e-posten; den innehåller id, status, antal, gruppvärden (en dag, en enhet) och maskerade nycklar, aldrig en rads värden.',
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
  kinds: {
    tolerance: {
      rows: ['rad', 'rader'],
      percentOfSource: (percent) => `${percent} % av källans värde`,
      sentence: (absolute, percent) =>
        absolute === undefined && percent === undefined
          ? 'måste vara exakt lika på båda sidor (ingen skillnad tillåts)'
          : `får skilja högst ${[absolute, percent].filter((x) => x !== undefined).join(' eller ')}`,
      exact: 'exakt',
    },
    rowCount: {
      topic: 'antal rader',
      rows: ['rad', 'rader'],
      missing: (rows) => `${rows} saknas i målet`,
      extra: (rows) => `${rows} för mycket i målet`,
      missingAndExtra: (missing, extra) => `${missing} saknas och ${extra} för mycket i målet`,
      groupsDiffer: (n, of) => `${n} av ${of} grupper skiljer`,
      atLeast: (text) => `minst ${text}`,
      checkUngrouped:
        'Titta först i laddningsloggen: blev nattens laddning av tabellen klar, och läste den alla rader fram till brytpunkten? Saknas rader kan en partition eller ett delsteg ha hoppats över; för många rader tyder på en dubbelladdning.',
      checkGroups: (by) =>
        `Titta först på grupperna nedan (per ${by}): saknas en hel grupp i målet, leta efter den laddning eller partition som skulle ha fört över just den dagen eller enheten; för många rader i en grupp tyder på en dubbelladdning eller en flyttad rad.`,
      rowCount: (tolerance) => [{ strong: 'Antal rader' }, `: antalet rader ${tolerance}.`],
      rowCountGrouped: (columns, tolerance, reported) => [
        { strong: `Antal rader per ${joinList(columns, 'och')}` },
        `: för varje kombination av ${joinList(columns, 'och')} ${tolerance.replace(/^måste/, 'måste antalet rader').replace(/^får/, 'får antalet rader')}. Ett resultat visar högst ${reported} avvikande grupper med sina antal, aldrig enskilda rader.`,
      ],
      rowsShort: 'rader',
      rowsByShort: (columns) => `rader per ${columns}`,
    },
    aggregate: {
      topic: 'belopp',
      checkFirst: {
        nulls:
          'Titta först på om kolumnen fylls i av laddningen: fler tomma värden i målet tyder på en uppslagning eller koppling i laddningen som inte hittar sin motsvarighet.',
        values:
          'Titta först på om radantalet också skiljer (då saknas rader, inte värden); annars på hur kolumnen omvandlas i laddningen: avrundning, enhet, valuta eller ett ändrat villkor.',
      },
      functions: {
        sum: 'summan',
        min: 'det minsta värdet',
        max: 'det största värdet',
        null_count: 'antalet rader utan värde',
        distinct_count: 'antalet olika värden',
      },
      sentence: (functions, column, tolerance) => [
        { strong: `Sammanställning av ${column}` },
        `: ${joinList(functions, 'och')} av `,
        code(column),
        ` ${tolerance}. Varje mått är ett eget resultat.`,
      ],
      extremesShown: (column, declared) =>
        declared
          ? [
              ' Det minsta och det största värdet visas i resultat, e-post, ärenden och översikten: definitionen anger (',
              code('values_sensitive: false'),
              ') att värdena i ',
              code(column),
              ' inte kan peka ut någon person.',
            ]
          : [
              ' Det minsta och det största värdet visas i resultat, e-post, ärenden och översikten bara när ',
              code(column),
              ' innehåller tal eller tidsstämplar (belopp, laddningstider); för en kolumn med text eller datum vägras kontrollen innan den körs, eftersom ett sådant värde kan vara en patients namn eller födelsedatum.',
            ],
    },
    freshness: {
      topic: 'aktualitet',
      behind: (d) => `${d} efter källan`,
      ahead: (d) => `${d} före källan`,
      oldestAllowed: (age) => `senaste raden är ${age} gammal`,
      checkFirst:
        'Titta först i laddningsloggen: kördes nattens laddning, och blev den klar? En laddning som stannat eller hoppat över tabellen gör att målets nyaste rad är gammal.',
      sentence: (column, maxAge, maxLag, fromCutoff) => [
        { strong: `Aktualitet för ${column}` },
        ': det senaste värdet av ',
        code(column),
        ' i rapportkopian får vara ',
        [
          maxAge === undefined
            ? undefined
            : `högst ${maxAge} gammalt ${fromCutoff ? 'vid laddningens brytpunkt (så att en sen eller upprepad körning bedömer själva laddningen)' : 'när kontrollen körs'}`,
          maxLag === undefined ? undefined : `högst ${maxLag} efter det senaste värdet i källan`,
        ]
          .filter((x) => x !== undefined)
          .join(' och '),
        '.',
      ],
      short: (column, maxAge, maxLag) =>
        `aktualitet ${column}: ${[
          maxAge === undefined ? undefined : `≤ ${maxAge} gammal`,
          maxLag === undefined ? undefined : `≤ ${maxLag} efter källan`,
        ]
          .filter((x) => x !== undefined)
          .join(', ')}`,
    },
    checksum: {
      topic: 'alla värden',
      rows: ['rad', 'rader'],
      rowsChanged: ['rad ändrad', 'rader ändrade'],
      rowsDiffer: (c) =>
        c === null
          ? 'värdena skiljer'
          : `${c.changed}, ${c.missing} saknas och ${c.extra} för mycket i målet`,
      columnsDiffer: (columns) => `skiljer i ${columns.map((c) => `${c.column} (${c.rows})`).join(', ')}`,
      locateIncomplete: (by) =>
        `ofullständigt: ${by === 'time' ? 'tidsgränsen' : 'radgränsen'} nåddes, minst så många`,
      notLocated: 'värdena skiljer; raderna har inte letats upp',
      checkMissing:
        'Titta först i laddningsloggen efter den körning eller partition som skulle ha fört över de saknade raderna; slå upp nycklarna nedan med samma maskering (reconcile locate) för att se vilka.',
      checkChanged: (columns) =>
        `Titta först på hur ${columns} förs över: en ändrad omvandling, avrundning, teckenkodning eller tidszon i laddningen ger samma antal rader men andra värden.`,
      checkUnlocated:
        'Raderna har inte letats upp: kör reconcile locate för kontrollen för att få antal och maskerade nycklar, eller slå på locate i definitionen.',
      settings: {
        scale: (n) => `${n} decimaler`,
        precision: (n) => `${n} decimaler i sekunden`,
        truncate: 'avkortat, inte avrundat',
        trim: 'avslutande blanksteg räknas inte',
        ignoreCase: 'A–Z lika med a–z',
      },
      covers: (columns, left, mapped) =>
        left.length === 0
          ? [
              { strong: 'Kontrollsumma över alla definitionens kolumner' },
              ' (',
              ...codeList(columns, 'och'),
              ')',
            ]
          : [
              { strong: `Kontrollsumma över ${columns.length} av definitionens ${mapped} kolumner` },
              ' (',
              ...codeList(columns, 'och'),
              '). Den täcker inte ',
              ...codeList(left, 'och'),
              ': en ändring som bara gäller ',
              left.length === 1 ? 'den kolumnen' : 'de kolumnerna',
              ' upptäcks inte av den här kontrollsumman',
            ],
      sentence: (columns, locate, maxKeys, keySensitive, settings) => [
        '. För varje rad görs värdena i ',
        ...codeList(columns, 'och'),
        ' om till en kontrollsumma (hash) inne i varje databas, och radernas kontrollsummor summeras. Summorna måste vara lika på båda sidor, så att även ett enda ändrat värde i dessa kolumner upptäcks. ',
        'Tal jämförs med det större antal decimaler som de två kolumnerna har, tidpunkter med den mindre noggrannhet som de två kolumnerna har (avrundat, som databaserna avrundar när de lagrar färre decimaler), flyttal bit för bit och övriga värden exakt',
        ...(settings.length === 0 ? ['. '] : ['; inställt per kolumn: ', ...settings, '. ']),
        locate
          ? `Vid en avvikelse letas de avvikande raderna upp med hjälp av nyckeln och räknas som saknade, extra eller ändrade, med de kolumner som skiljer i de ändrade raderna (namn och antal, aldrig värden); ett resultat visar högst ${maxKeys} nycklar${keySensitive ? ', maskerade (aldrig i klartext)' : ''}.`
          : 'En avvikelse rapporteras som helhet, utan att enskilda rader letas upp.',
      ],
      short: (columns, mapped) =>
        columns === mapped
          ? `kontrollsumma (alla ${mapped} kolumner): exakt`
          : `kontrollsumma (${columns} av ${mapped} kolumner): exakt`,
    },
  },

  // Result messages by code.
  results: {
    rows: ['rad', 'rader'],
    columns: ['kolumn', 'kolumner'],
    percent: (p) => `${p}\u00a0%`,
    exact: 'exakt',
    or: ' eller ',
    checksumBase: (p, f) =>
      p.sourceRows === p.targetRows
        ? `värdena skiljer sig: båda sidor har ${f.rows(p.sourceRows)}, men kontrollsummorna över ${f.columns(p.columns)} skiljer sig`
        : `raderna skiljer sig: källan har ${f.rows(p.sourceRows)}, målet ${f.rows(p.targetRows)}; kontrollsummorna över ${f.columns(p.columns)} skiljer sig`,
    notLocated: {
      locate_off: () => 'lokalisering är avstängd för kontrollen ("locate: false")',
      no_key: () => 'definitionen har ingen nyckel ("key")',
      key_type: (k) => `nyckelkolumnen ${k ?? ''} har en typ som inte kan lokaliseras`,
      failed: () => 'lokaliseringen misslyckades',
    },
    messages: {
      'row_count.agree': (p, f) =>
        `antalet rader stämmer (${f.num(p.source)} i källan, ${f.num(p.target)} i målet, marginal ${f.tolerance(p)})`,
      'row_count.rows_missing': (p, f) =>
        `målet har ${f.num(p.rows)} färre rader än källan (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, −${f.percent(p.percent)}`}), marginal ${f.tolerance(p)}`,
      'row_count.rows_extra': (p, f) =>
        `målet har ${f.num(p.rows)} fler rader än källan (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, +${f.percent(p.percent)}`}), marginal ${f.tolerance(p)}`,
      'row_count.groups_agree': (p, f) =>
        `alla ${f.count(p.groups)} grupper per ${f.list(p.groupBy)} stämmer (marginal ${f.tolerance(p)})`,
      'row_count.groups_differ': (p, f) =>
        `${f.count(p.differing)} av ${f.count(p.groups)} grupper per ${f.list(p.groupBy)} skiljer sig (marginal ${f.tolerance(p)})`,
      'aggregate.empty': (p) => `${p.function}(${p.column}) är tomt på båda sidor`,
      'aggregate.empty_on_one_side': (p) =>
        p.emptySide === 'target'
          ? `${p.function}(${p.column}) är tomt i målet men inte i källan`
          : `${p.function}(${p.column}) är tomt i källan men inte i målet`,
      'aggregate.agrees': (p, f) => `${p.function}(${p.column}) stämmer (marginal ${f.tolerance(p)})`,
      'aggregate.differs': (p, f) =>
        `${p.function}(${p.column}) skiljer sig med ${f.signed(p.difference)}${p.percent === null ? '' : ` (${p.difference.startsWith('-') ? '−' : '+'}${f.percent(p.percent)})`}, marginal ${f.tolerance(p)}`,
      'aggregate.equal': (p) => `${p.function}(${p.column}) är lika på båda sidor`,
      'aggregate.not_equal': (p) => `${p.function}(${p.column}) skiljer sig mellan källan och målet`,
      'freshness.no_target_rows': (p) =>
        `målet har inga rader med ${p.column}, så aktualiteten kan inte visas`,
      'freshness.fresh': (p, f) =>
        `aktuellt: nyaste ${p.column} i målet är ${f.duration(p.ageMs)} gammal${p.fromCutoff ? ' vid brytpunkten' : ''}${p.lagMs === null ? '' : `, ${f.duration(p.lagMs)} efter källan`}`,
      'freshness.stale': (p, f) =>
        `inaktuellt: ${[
          ...(p.maxAgeMs === null
            ? []
            : [
                `nyaste raden i målet är ${f.duration(p.ageMs)} gammal${p.fromCutoff ? ' vid brytpunkten' : ''} (tillåtet ${f.duration(p.maxAgeMs)})`,
              ]),
          ...(p.maxLagMs === null || p.lagMs === null
            ? []
            : [`målet ligger ${f.duration(p.lagMs)} efter källan (tillåtet ${f.duration(p.maxLagMs)})`]),
        ].join('; ')}`,
      'checksum.agree': (p, f) =>
        `alla värden stämmer: ${f.rows(p.sourceRows)} på båda sidor, samma kontrollsumma över ${f.columns(p.columns)}`,
      'checksum.values_differ': (p, f) => sv.results.checksumBase(p, f),
      'checksum.rows_differ': (p, f) => sv.results.checksumBase(p, f),
      'checksum.rows_located': (p, f) => {
        const parts = [
          `${f.count(p.missing)} saknas i målet`,
          `${f.count(p.extra)} extra i målet${p.extraMayBeLate && p.extra > 0 ? ' (kan ha raderats i källan efter laddningen)' : ''}`,
          `${f.count(p.changed)} ändrade`,
          ...(p.duplicateKeys > 0
            ? [f.countOf(p.duplicateKeys, ['dubblerad nyckel', 'dubblerade nycklar'])]
            : []),
        ]
        const differing = p.differingColumns.map((c, i) => `${c} i ${f.rows(p.differingRows[i] ?? 0)}`)
        const stopped =
          p.stoppedBy === 'time' ? 'tidsgränsen (max_locate_time)' : 'radgränsen (max_rows_fetched)'
        return `${sv.results.checksumBase(p, f)}; ${p.complete ? 'lokaliserade' : 'lokaliserade hittills'} ${parts.join(', ')}${differing.length === 0 ? '' : ` (avviker: ${differing.join(', ')})`}${p.complete ? '' : `; ofullständigt, stoppat av ${stopped}: ${f.rows(p.unlocatedSourceRows)} i källan och ${f.rows(p.unlocatedTargetRows)} i målet ej undersökta, så antalen är minst så många`}`
      },
      'checksum.not_located': (p, f) =>
        `${sv.results.checksumBase(p, f)}; de avvikande raderna lokaliserades inte: ${sv.results.notLocated[p.reason](p.keyColumn)}`,
      'check.could_not_run': (p) => `kunde inte köras (${p.errorCode})`,
    },
  },
}

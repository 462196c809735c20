import type { Catalog } from './catalog.js'

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
      `Historik: reconcile history --check ${check}    Öppna incidenter: reconcile incidents`,
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
      topic: {
        row_count: 'antal rader',
        aggregate: 'belopp',
        checksum: 'alla värden',
        freshness: 'aktualitet',
        load: 'laddningen',
      },
      agree: (topics) => `${topics} stämmer`,
      notRun: 'kördes inte i natt',
      lastRunOn: (date) => `kördes inte i natt (senast ${date})`,
      couldNotRun: 'kunde inte köras',
      rowsMissing: (rows) => `${rows} saknas`,
      rowsExtra: (rows) => `${rows} för mycket`,
      differs: 'skiljer',
      differsBy: (amount) => `skiljer med ${amount}`,
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
  web: {},

  // The control document.
  document: {},

  // Check kinds.
  kinds: {},

  // Result messages by code.
  results: {},
}

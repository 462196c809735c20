import type { Catalog } from './catalog.js'

/** English, for readers outside the region and the vendor. */
export const en: Catalog = {
  tag: 'en-GB',
  name: 'English',
  units: {
    d: ['day', 'days'],
    h: ['hour', 'hours'],
    m: ['minute', 'minutes'],
    s: ['second', 'seconds'],
  },
  shortUnits: { d: 'd', h: 'h', m: 'm', s: 's' },
  shortUnitSpaced: false,
  and: 'and',

  // Mail, vendor ticket, webhook text and morning report.
  notify: {
    status: { pass: 'PASS', fail: 'FAIL', error: 'ERROR' },
    statusLabel: 'Status',
    subjectTag: {
      fail: 'FAIL',
      error: 'ERROR',
      resolved: 'RESOLVED',
      reminder: 'REMINDER',
      ticket: 'TICKET',
      late: 'STORED LATE',
    },
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
    storedLate: (runAt, status, storedAt) =>
      `Stored late: the run of ${runAt} could not be stored then (the results store was unavailable). Its results were kept locally and loaded at ${storedAt}; the run's final status: ${status}.`,
    openedAlertIntro: (title, id, when) =>
      `The check "${title}" (${id}) found a difference between the source and its reporting copy in the run of ${when}.`,
    errorAlertIntro: (title, id, when) =>
      `The check "${title}" (${id}) could not run on ${when}: the transfer is therefore not checked.`,
    reminderIntro: (title, id, age, runs) =>
      `The check "${title}" (${id}) has not passed for ${age} (${runs}). The incident is still open.`,
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
        : `${rows} in the source after the cutoff, left out on both sides`,
    definitionHash: 'Definition hash',
    definitionFile: 'Definition file',
    vendorInformed: 'The vendor has been sent a ticket with the evidence.',
    nextSteps: (check) =>
      `History: reconcile history --check ${check}    Open incidents: reconcile incidents`,
    noRepeat: (reminder) =>
      reminder === null
        ? 'No further messages are sent about this difference until it is resolved.'
        : `No further messages are sent about this difference until it is resolved (a reminder after ${reminder}).`,
    ticketIntro: (installation) =>
      `Automatic ticket from ${installation}: the control of the transfer from the source system to the reporting copy found a difference. The evidence below should be enough to investigate without calling us.`,
    ticketEvidence: 'Evidence',
    ticketSql: (side) => `SQL on the ${side}`,
    ticketParameters: 'Parameters',
    ticketDuration: 'Duration',
    ticketAttachment: 'The same evidence is attached as JSON.',
    ticketNoPatientData: 'This ticket holds no patient data: only counts, sums, times and masked keys.',
    groupsTitle: 'Groups that differ',
    andMoreGroups: (groups) => `… and ${groups}`,
    errorCause: 'Cause',
    valuesDiffer: 'values differ',
    findings: {
      rows: 'Rows',
      category: { missing: 'missing', extra: 'extra', changed: 'changed', duplicate: 'duplicate keys' },
      atLeast: 'at least',
      columns: 'Columns that differ',
      columnRows: (column, rows) => `${column} (${rows})`,
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
    loadCheck: {
      title: "The night's load finished in time",
      description: (connection) =>
        `Before the scheduled checks, the tool asks the reporting copy's load log (connection "${connection}") when the last load finished, and waits until the night's load has finished or the deadline has passed. A late or missing load means the reports are built on yesterday's data.`,
    },
    runs: ['run', 'runs'],
    rows: ['row', 'rows'],
    changedRows: ['row changed', 'rows changed'],
    moreGroups: ['more group', 'more groups'],
    report: {
      subject: (date) => `Morning report ${date}`,
      allPassedOne: 'The check passed last night',
      allPassed: (checks) => `All ${checks} passed last night`,
      failed: (failed, of) => `${failed} of ${of} differed`,
      errors: (n, of) => (of === null ? `${n} could not run` : `${n} of ${of} could not run`),
      notRunCount: (n) => `${n} did not run last night`,
      noRun: (since) => `No run last night (last one ${since})`,
      unfinished: (schedule, since) => `RUN ${schedule} NOT FINISHED (in progress since ${since})`,
      unfinishedHeadline: "Last night's run has not finished",
      lastLoad: (when) => `Last night's load finished ${when}.`,
      lastLoadUnknown: "When last night's load finished is not known.",
      lastRun: (when, status) => `The checks ran ${when} (${status}).`,
      runStatus: { finished: 'finished', aborted: 'aborted', running: 'running' },
      checksTitle: (nights) => `The checks, last ${nights} nights`,
      columns: { check: 'Check', found: 'Last night', nights: 'Nights', streak: 'Trend' },
      trendLegend: '✓ passed · ✗ differed · ! could not run · – no run; oldest night first',
      topic: {
        row_count: 'row counts',
        aggregate: 'amounts',
        checksum: 'all values',
        freshness: 'freshness',
        load: 'the load',
      },
      agree: (topics) => `${topics} agree`,
      notRun: 'did not run last night',
      lastRunOn: (date) => `did not run last night (last on ${date})`,
      couldNotRun: 'could not run',
      rowsMissing: (rows) => `${rows} missing`,
      rowsExtra: (rows) => `${rows} too many`,
      differs: 'differ',
      differsBy: (amount) => `differ by ${amount}`,
      behind: (duration) => `${duration} behind the source`,
      ahead: (duration) => `${duration} ahead of the source`,
      loadLate: 'did not finish in time',
      streak: (status, nights) => {
        if (nights === 1) return 'new last night'
        const verb = status === 'fail' ? 'differing' : 'could not run'
        const category = new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(nights)
        const suffixes: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' }
        const suffix = suffixes[category] ?? 'th'
        return `${verb} for the ${nights}${suffix} night running`
      },
      passingAgain: 'passing again',
      openSince: (date) => `open since ${date}`,
      checks: ['check', 'checks'],
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

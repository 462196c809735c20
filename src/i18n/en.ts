import type { Catalog } from './catalog.js'
import { code, codeList, joinList } from './phrase-helpers.js'

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
    nextSteps: (check) => `History: reconcile history --check ${check}\nOpen incidents: reconcile incidents`,
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
      checkFirst: 'Next step',
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
      loadTopic: 'the load',
      agree: (topics) => `${topics} agree`,
      notRun: 'did not run last night',
      lastRunOn: (date) => `did not run last night (last on ${date})`,
      couldNotRun: 'could not run',
      rowsMissing: (rows) => `${rows} missing`,
      rowsExtra: (rows) => `${rows} too many`,
      differs: 'differ',
      differsBy: (amount) => `differ by ${amount}`,
      measuresDiffer: (measures) => `${measures} differ`,
      measures: ['measure', 'measures'],
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
  web: {
    appName: 'Transfer control',
    nav: { today: 'Today', runs: 'Runs', incidents: 'Incidents', control: 'Control document' },
    status: { pass: 'pass', fail: 'fail', error: 'could not run' },
    verdict: {
      pass: 'All passed',
      fail: 'Differences found',
      error: 'Could not check everything',
      unfinished: 'The last run did not finish',
      none: 'No run recorded yet',
    },
    counts: {
      passed: ['passed', 'passed'],
      failed: ['failed', 'failed'],
      errors: ['could not run', 'could not run'],
      checks: ['check', 'checks'],
      rows: ['row', 'rows'],
      openIncidents: ['open incident', 'open incidents'],
    },
    passed: 'within the limit',
    failed: 'differs more than the limit allows',
    differsBy: (difference) => `differs by ${difference}`,
    couldNotRun: (code) => `could not run (${code})`,
    verdictDetail: (passed, failed, errors, checks) => `${passed}, ${failed}, ${errors} — ${checks}`,
    trigger: { cli: 'command line', schedule: (name) => `schedule ${name}` },
    andMore: (n) => `+${n} more`,
    lastRun: 'Last run',
    lastLoad: 'Last load (cutoff)',
    noCutoff: 'no cutoff in the last run',
    readAsOfCutoff: 'The source was read as of the cutoff',
    lateChanges: (rows) =>
      `Late changes: ${rows} changed in the source after the cutoff, left out on both sides`,
    stale: (since) => `The control has not run since ${since}. Check the scheduler.`,
    checksHeading: 'The checks',
    history: 'History',
    severity: 'Severity',
    owner: 'Owner',
    allPassed: 'Every assertion passed.',
    notInLastRun: 'not in the last run',
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
  },

  // The control document.
  document: {
    title: (installation) => `Control document: the transfer control of the reporting copy — ${installation}`,
    intro: [
      [
        "This document describes the region's own control of the nightly transfer from the source system to its reporting copy. ",
        'After each nightly load the source database is compared with the reporting copy inside both databases: row counts, sums and other aggregates, and how recent the data is. ',
        'Every result is recorded with its time, the values observed on both sides and a hash of the check definition, so that it can be shown afterwards what was checked and what was found.',
      ],
      [
        'No patient data leaves the databases: the control reads only counts, sums, smallest and largest values (of numbers and timestamps, or of columns a definition declares not personal), newest timestamps, counts per group and checksums (hashes) of values; the keys of differing rows appear in results only masked, unless a definition marks its keys as not sensitive. ',
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
      checks: ['check', 'checks'],
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
    compares: (source, target) => [
      'Each time the control runs, normally every night after the load, the rows of ',
      ...source,
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
    resultName: 'Result name',
    cron: {
      weekdays: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
      everyDay: 'every day',
      dayRange: (from, to) => `${from} to ${to}`,
      at: (days, time, expression) => `${days} at ${time} (${expression})`,
    },
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
        : [
            '; once mail is configured, ',
            ...codeList(extra, 'and'),
            ' will also be alerted for this check.',
          ]),
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
        ...(source === undefined && target === undefined ? [] : ['. ']),
        'The cutoff is passed to the queries as a parameter and recorded with every result.',
      ],
    ],
    lateChanges: {
      none: [
        [
          'Any change in the source after the load (a row added, changed or deleted) can therefore make the sides differ and raise an alarm although the transfer was correct. To compare as of the load, add a ',
          code('cutoff'),
          ' and ',
          code('late_changes'),
          ' to the definition.',
        ],
      ],
      cutoffOnly: (sourceColumn) => {
        const add = [
          'To leave them out, add ',
          code('late_changes'),
          ' to the definition (',
          code('source_column'),
          ', or ',
          code('read_as_of'),
          ' for a system-versioned table).',
        ]
        return [
          sourceColumn === undefined
            ? [
                'This definition does not leave out late changes (it has no ',
                code('late_changes'),
                '), and the source is read in full: a row added, changed or deleted in the source after the load makes the sides differ and can raise an alarm although the transfer was correct. ',
                ...add,
              ]
            : [
                'This definition does not leave out late changes (it has no ',
                code('late_changes'),
                '). A row added to the source after the cutoff, with a later ',
                code(sourceColumn),
                ', is left out and raises no alarm. But a row changed after the load can: if its ',
                code(sourceColumn),
                ' moved past the cutoff it is left out of the source while the copy still holds it, otherwise its new values are compared with the copy. A row deleted in the source after the load is extra in the copy. ',
                ...add,
              ],
        ]
      },
      keys: (sourceColumn, maxKeys) => [
        [
          'Late changes are left out: the source is live, and rows changed after the cutoff are not yet in the copy. Before comparing, the control reads the keys of the source rows whose ',
          code(sourceColumn),
          ` is later than the cutoff (at most ${maxKeys}; above that the check reports an error instead of comparing) and leaves those rows out on both sides, in every assertion, so rows added or changed after the load raise no alarm. The keys stay in the control's memory; each result records how many rows were left out.`,
        ],
        [
          'A row deleted in the source after the load leaves no trace to read: it stays in the copy and is reported as extra in the target, with the note that it may have been deleted after the load.',
        ],
      ],
      asOf: [
        [
          'Late changes are left out: the source table is read as it was at the cutoff (SQL Server system-versioned temporal table, FOR SYSTEM_TIME AS OF the cutoff in UTC), so rows added, changed or deleted after the load are all invisible to the comparison and raise no alarm.',
        ],
      ],
    },
    noCutoff:
      'No cutoff: both sides are compared as they are when the check runs. This suits data that does not change during the night.',
    alerting: (installation, extra, reminderAfter) => [
      'On a difference, or when the check could not run, an incident is opened and one alert is sent to ',
      ...(installation === null || installation.length === 0
        ? ['the recipients configured for the installation']
        : codeList(installation, 'and')),
      ...(extra.length === 0 ? [] : [', and also to ', ...codeList(extra, 'and')]),
      '. While the incident stays open, further failing runs send no new alert (the dashboard and the history show every run). ',
      ...(reminderAfter === null
        ? ['No reminders are sent (', code('incidents.reminder_after: off'), ' in the configuration). ']
        : [
            `If the incident is still open after ${reminderAfter} without a message, a reminder is sent, and again after every further ${reminderAfter}. `,
          ]),
      'A message is sent when the check passes again.',
    ],
    webhook: (name, events) => [
      'The same events are also posted as JSON to the webhook ',
      code(name),
      ' (',
      ...codeList(events, 'and'),
      "), retried like the mail; it carries ids, statuses, counts, group values (a day, a unit) and masked keys, never a row's values.",
    ],
    vendorTicket: (vendor, addresses) =>
      vendor
        ? [
            'The vendor is responsible for this transfer: a difference also opens a ticket with the vendor',
            ...(addresses === null || addresses.length === 0
              ? []
              : [' (', ...codeList(addresses, 'and'), ')']),
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
      query: 'query',
    },
    backToSummary: 'Back to the summary',
  },

  // Check kinds.
  kinds: {
    tolerance: {
      rows: ['row', 'rows'],
      percentOfSource: (percent) => `${percent} % of the source value`,
      sentence: (absolute, percent) =>
        absolute === undefined && percent === undefined
          ? 'must be exactly equal on both sides (no difference allowed)'
          : `may differ by at most ${[absolute, percent].filter((x) => x !== undefined).join(' or ')}`,
      exact: 'exact',
    },
    rowCount: {
      topic: 'row counts',
      rows: ['row', 'rows'],
      missing: (rows) => `${rows} missing in the target`,
      extra: (rows) => `${rows} extra in the target`,
      missingAndExtra: (missing, extra) => `${missing} missing and ${extra} extra in the target`,
      groupsDiffer: (n, of) => `${n} of ${of} groups differ`,
      atLeast: (text) => `at least ${text}`,
      checkUngrouped:
        "Check the load log first: did the night's load of this table finish, and did it read every row up to the cutoff? Missing rows point at a skipped partition or step; extra rows at a load that ran twice.",
      checkGroups: (by) =>
        `Check the groups below first (by ${by}): where a whole group is missing in the target, look for the load or partition that should have carried that day or unit; extra rows in a group point at a load that ran twice or a row moved between groups.`,
      rowCount: (tolerance) => [{ strong: 'Row count' }, `: the number of rows ${tolerance}.`],
      rowCountGrouped: (columns, tolerance, reported) => [
        { strong: `Row count per ${joinList(columns, 'and')}` },
        `: for every combination of ${joinList(columns, 'and')}, the number of rows ${tolerance}. A result lists at most ${reported} differing groups with their counts, never individual rows.`,
      ],
      rowsShort: 'rows',
      rowsByShort: (columns) => `rows per ${columns}`,
    },
    aggregate: {
      topic: 'amounts',
      checkFirst: {
        nulls:
          'Check first whether the load fills the column: more empty values in the target point at a lookup or join in the load that finds no match.',
        values:
          'Check first whether the row count differs too (then rows are missing, not values); otherwise how the load transforms the column: rounding, unit, currency or a changed condition.',
      },
      functions: {
        sum: 'the sum',
        min: 'the smallest value',
        max: 'the largest value',
        null_count: 'the number of rows without a value',
        distinct_count: 'the number of distinct values',
      },
      sentence: (functions, column, tolerance) => [
        { strong: `Aggregates of ${column}` },
        `: ${joinList(functions, 'and')} of `,
        code(column),
        ` ${tolerance}. Each measure is a result of its own.`,
      ],
      extremesShown: (column, declared) =>
        declared
          ? [
              ' The smallest and largest values are shown in results, mail, tickets and the dashboard: the definition declares (',
              code('values_sensitive: false'),
              ') that the values of ',
              code(column),
              ' identify no one.',
            ]
          : [
              ' The smallest and largest values are shown in results, mail, tickets and the dashboard only when ',
              code(column),
              ' holds numbers or timestamps (amounts, load times); on a column of text or dates the check is refused before it runs, since such a value may be a patient’s name or birth date.',
            ],
    },
    freshness: {
      topic: 'freshness',
      behind: (d) => `${d} behind the source`,
      ahead: (d) => `${d} ahead of the source`,
      oldestAllowed: (age) => `newest row is ${age} old`,
      checkFirst:
        "Check the load log first: did the night's load run, and did it finish? A load that stopped or skipped the table leaves the target's newest row old.",
      sentence: (column, maxAge, maxLag, fromCutoff) => [
        { strong: `Freshness of ${column}` },
        ': the newest ',
        code(column),
        ' in the reporting copy may be ',
        [
          maxAge === undefined
            ? undefined
            : `at most ${maxAge} old ${fromCutoff ? "at the load's cutoff (so a late or repeated run judges the load itself)" : 'when the check runs'}`,
          maxLag === undefined ? undefined : `at most ${maxLag} behind the newest in the source`,
        ]
          .filter((x) => x !== undefined)
          .join(' and '),
        '.',
      ],
      short: (column, maxAge, maxLag) =>
        `freshness ${column}: ${[
          maxAge === undefined ? undefined : `≤ ${maxAge} old`,
          maxLag === undefined ? undefined : `≤ ${maxLag} behind`,
        ]
          .filter((x) => x !== undefined)
          .join(', ')}`,
    },
    checksum: {
      topic: 'all values',
      rows: ['row', 'rows'],
      rowsChanged: ['row changed', 'rows changed'],
      rowsDiffer: (c) =>
        c === null
          ? 'values differ'
          : `${c.changed}, ${c.missing} missing and ${c.extra} extra in the target`,
      columnsDiffer: (columns) => `differing in ${columns.map((c) => `${c.column} (${c.rows})`).join(', ')}`,
      locateIncomplete: (by) =>
        `incomplete: the ${by === 'time' ? 'time' : 'row'} budget ran out, at least this many`,
      notLocated: 'values differ; the rows were not located',
      checkMissing:
        'Check the load log first for the run or partition that should have carried the missing rows; look the keys below up with the same masking (reconcile locate) to see which.',
      checkChanged: (columns) =>
        `Check first how ${columns} is carried over: a changed transformation, rounding, character encoding or time zone in the load gives the same number of rows but other values.`,
      checkUnlocated:
        'The rows were not located: run reconcile locate for the check to get counts and masked keys, or turn locate on in the definition.',
      settings: {
        scale: (n) => `${n} decimals`,
        precision: (n) => `${n} digits of the second`,
        truncate: 'truncated, not rounded',
        trim: 'trailing spaces ignored',
        ignoreCase: 'A–Z equal to a–z',
      },
      covers: (columns, left, mapped) =>
        left.length === 0
          ? [{ strong: "Checksum over all the definition's columns" }, ' (', ...codeList(columns, 'and'), ')']
          : [
              { strong: `Checksum over ${columns.length} of the definition's ${mapped} columns` },
              ' (',
              ...codeList(columns, 'and'),
              '). It does not cover ',
              ...codeList(left, 'and'),
              ': a change in ',
              left.length === 1 ? 'that column' : 'those columns',
              ' alone is not found by this checksum',
            ],
      sentence: (columns, locate, maxKeys, keySensitive, settings) => [
        '. For every row, the values of ',
        ...codeList(columns, 'and'),
        ' are turned into a hash inside each database, and the hashes of all rows are summed. The sums must be equal on both sides, so that even a single changed value in these columns is found. ',
        'Numbers are compared at the larger number of decimals the two columns declare, timestamps at the smaller declared fraction of a second (rounded, as the engines round when they store fewer digits), floats bit for bit and other values exactly',
        ...(settings.length === 0 ? ['. '] : ['; set per column: ', ...settings, '. ']),
        locate
          ? `On a difference the differing rows are located by key and counted as missing, extra or changed, with the columns each changed row differs in (names and counts, never values); a result lists at most ${maxKeys} keys${keySensitive ? ', masked (never in clear)' : ''}.`
          : 'A difference is reported as a whole, without locating rows.',
      ],
      short: (columns, mapped) =>
        columns === mapped
          ? `checksum (all ${mapped} columns): exact`
          : `checksum (${columns} of ${mapped} columns): exact`,
    },
  },

  // Result messages by code.
  results: {
    rows: ['row', 'rows'],
    columns: ['column', 'columns'],
    percent: (p) => `${p}%`,
    exact: 'exact',
    or: ' or ',
    checksumBase: (p, f) =>
      p.sourceRows === p.targetRows
        ? `values differ: both sides have ${f.rows(p.sourceRows)}, but the checksums over ${f.columns(p.columns)} differ`
        : `rows differ: source ${f.rows(p.sourceRows)}, target ${f.rows(p.targetRows)}; checksums over ${f.columns(p.columns)} differ`,
    notLocated: {
      locate_off: () => 'locating is off for this assertion ("locate: false")',
      no_key: () => 'the definition has no "key"',
      key_type: (k) => `key column ${k ?? ''} has a type that cannot be located on`,
      failed: () => 'locating failed',
    },
    messages: {
      'row_count.agree': (p, f) =>
        `row counts agree (${f.num(p.source)} source, ${f.num(p.target)} target, tolerance ${f.tolerance(p)})`,
      'row_count.rows_missing': (p, f) =>
        `target has ${f.num(p.rows)} fewer rows than the source (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, −${f.percent(p.percent)}`}), tolerance ${f.tolerance(p)}`,
      'row_count.rows_extra': (p, f) =>
        `target has ${f.num(p.rows)} more rows than the source (${f.num(p.source)} → ${f.num(p.target)}${p.percent === null ? '' : `, +${f.percent(p.percent)}`}), tolerance ${f.tolerance(p)}`,
      'row_count.groups_agree': (p, f) =>
        `all ${f.count(p.groups)} groups by ${f.list(p.groupBy)} agree (tolerance ${f.tolerance(p)})`,
      'row_count.groups_differ': (p, f) =>
        `${f.count(p.differing)} of ${f.count(p.groups)} groups by ${f.list(p.groupBy)} differ (tolerance ${f.tolerance(p)})`,
      'aggregate.empty': (p) => `${p.function}(${p.column}) is empty on both sides`,
      'aggregate.empty_on_one_side': (p) =>
        p.emptySide === 'target'
          ? `${p.function}(${p.column}) is empty on the target but not on the source`
          : `${p.function}(${p.column}) is empty on the source but not on the target`,
      'aggregate.agrees': (p, f) => `${p.function}(${p.column}) agrees (tolerance ${f.tolerance(p)})`,
      'aggregate.differs': (p, f) =>
        `${p.function}(${p.column}) differs by ${f.signed(p.difference)}${p.percent === null ? '' : ` (${p.difference.startsWith('-') ? '−' : '+'}${f.percent(p.percent)})`}, tolerance ${f.tolerance(p)}`,
      'aggregate.equal': (p) => `${p.function}(${p.column}) agrees`,
      'aggregate.not_equal': (p) => `${p.function}(${p.column}) differs between source and target`,
      'freshness.no_target_rows': (p) =>
        `the target has no rows with a ${p.column}, so its freshness cannot be shown`,
      'freshness.fresh': (p, f) =>
        `fresh: newest target ${p.column} is ${f.duration(p.ageMs)} old${p.fromCutoff ? ' at the cutoff' : ''}${p.lagMs === null ? '' : `, ${f.duration(p.lagMs)} behind the source`}`,
      'freshness.stale': (p, f) =>
        `stale: ${[
          ...(p.maxAgeMs === null
            ? []
            : [
                `newest target row is ${f.duration(p.ageMs)} old${p.fromCutoff ? ' at the cutoff' : ''} (allowed ${f.duration(p.maxAgeMs)})`,
              ]),
          ...(p.maxLagMs === null || p.lagMs === null
            ? []
            : [`target is ${f.duration(p.lagMs)} behind the source (allowed ${f.duration(p.maxLagMs)})`]),
        ].join('; ')}`,
      'checksum.agree': (p, f) =>
        `every value agrees: ${f.rows(p.sourceRows)} on both sides, same checksum over ${f.columns(p.columns)}`,
      'checksum.values_differ': (p, f) => en.results.checksumBase(p, f),
      'checksum.rows_differ': (p, f) => en.results.checksumBase(p, f),
      'checksum.rows_located': (p, f) => {
        const parts = [
          `${f.count(p.missing)} missing in the target`,
          `${f.count(p.extra)} extra in the target${p.extraMayBeLate && p.extra > 0 ? ' (may have been deleted in the source after the load)' : ''}`,
          `${f.count(p.changed)} changed`,
          ...(p.duplicateKeys > 0 ? [f.countOf(p.duplicateKeys, ['duplicate key', 'duplicate keys'])] : []),
        ]
        const differing = p.differingColumns.map((c, i) => `${c} in ${f.rows(p.differingRows[i] ?? 0)}`)
        const stopped =
          p.stoppedBy === 'time' ? 'the time budget (max_locate_time)' : 'the row budget (max_rows_fetched)'
        return `${en.results.checksumBase(p, f)}; ${p.complete ? 'located' : 'located so far'} ${parts.join(', ')}${differing.length === 0 ? '' : ` (differing: ${differing.join(', ')})`}${p.complete ? '' : `; incomplete, stopped by ${stopped}: ${f.rows(p.unlocatedSourceRows)} source and ${f.rows(p.unlocatedTargetRows)} target left unexamined, so these counts are lower bounds`}`
      },
      'checksum.not_located': (p, f) =>
        `${en.results.checksumBase(p, f)}; the differing rows were not located: ${en.results.notLocated[p.reason](p.keyColumn)}`,
      'check.could_not_run': (p) => `could not run (${p.errorCode})`,
    },
  },
}

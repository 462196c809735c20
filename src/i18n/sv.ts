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
  web: {},

  // The control document.
  document: {},

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
      rows: ['rad', 'rader'],
      missing: (rows) => `${rows} saknas i målet`,
      extra: (rows) => `${rows} för mycket i målet`,
      missingAndExtra: (missing, extra) => `${missing} saknas och ${extra} för mycket i målet`,
      groupsDiffer: (n, of) => `${n} av ${of} grupper skiljer`,
      atLeast: (text) => `minst ${text}`,
      checkUngrouped:
        'Titta först i laddningsloggen: blev nattens laddning av tabellen klar, och läste den alla rader fram till cutoff? Saknas rader kan en partition eller ett delsteg ha hoppats över; för många rader tyder på en dubbelladdning.',
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
    },
    freshness: {
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
        `${p.function}(${p.column}) skiljer sig med ${f.signed(p.difference)}${p.percent === null ? '' : ` (${f.percent(p.percent)})`}, marginal ${f.tolerance(p)}`,
      'aggregate.equal': (p) => `${p.function}(${p.column}) är lika på båda sidor`,
      'aggregate.not_equal': (p) => `${p.function}(${p.column}) skiljer sig mellan källan och målet`,
      'freshness.no_target_rows': (p) =>
        `målet har inga rader med ${p.column}, så aktualiteten kan inte visas`,
      'freshness.fresh': (p, f) =>
        `aktuellt: nyaste ${p.column} i målet är ${f.duration(p.ageMs)} gammal${p.fromCutoff ? ' vid cutoff' : ''}${p.lagMs === null ? '' : `, ${f.duration(p.lagMs)} efter källan`}`,
      'freshness.stale': (p, f) =>
        `inaktuellt: ${[
          ...(p.maxAgeMs === null
            ? []
            : [
                `nyaste raden i målet är ${f.duration(p.ageMs)} gammal${p.fromCutoff ? ' vid cutoff' : ''} (tillåtet ${f.duration(p.maxAgeMs)})`,
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

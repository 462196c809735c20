import type { CanonicalOptions, ChecksumAssertion } from '../../definitions/types.js'
import type { Inline } from '../../i18n/inline.js'
import type { Language } from '../../i18n/language.js'
import { code, codeList } from '../../i18n/phrase-helpers.js'
import type { ExplainContext, Explanation } from '../../plan/check-kind.js'

/** A checked column whose definition sets how its values are compared. */
interface ColumnComparison extends CanonicalOptions {
  readonly name: string
}

/** `fee` (2 decimals), `seen_at` (3 digits of the second): the per-column settings, in words. */
function settingsList(
  settings: readonly ColumnComparison[],
  words: {
    scale: (n: number) => string
    precision: (n: number) => string
    truncate: string
    trim: string
    ignoreCase: string
  },
  and: string,
): Inline[] {
  return settings.flatMap((c, i) => {
    const parts = [
      c.scale === undefined ? undefined : words.scale(c.scale),
      c.precision === undefined ? undefined : words.precision(c.precision),
      c.rounding === 'truncate' ? words.truncate : undefined,
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

interface ChecksumPhrases {
  /** The heading: which columns the checksum covers, and which mapped columns it leaves out. */
  readonly covers: (columns: readonly string[], left: readonly string[], mapped: number) => Inline[]
  readonly checksum: (
    columns: readonly string[],
    locate: boolean,
    maxKeys: number,
    keySensitive: boolean,
    settings: readonly ColumnComparison[],
  ) => Inline[]
  readonly short: (columns: number, mapped: number) => string
}

const PHRASES: Readonly<Record<Language, ChecksumPhrases>> = {
  sv: {
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
    checksum: (columns, locate, maxKeys, keySensitive, settings) => [
      '. För varje rad görs värdena i ',
      ...codeList(columns, 'och'),
      ' om till en kontrollsumma (hash) inne i varje databas, och radernas kontrollsummor summeras. Summorna måste vara lika på båda sidor, så att även ett enda ändrat värde i dessa kolumner upptäcks. ',
      'Tal jämförs med det större antal decimaler som de två kolumnerna har, tidpunkter med den mindre noggrannhet som de två kolumnerna har (avrundat, som databaserna avrundar när de lagrar färre decimaler), flyttal bit för bit och övriga värden exakt',
      ...(settings.length === 0
        ? ['. ']
        : [
            '; inställt per kolumn: ',
            ...settingsList(
              settings,
              {
                scale: (n) => `${n} decimaler`,
                precision: (n) => `${n} decimaler i sekunden`,
                truncate: 'avkortat, inte avrundat',
                trim: 'avslutande blanksteg räknas inte',
                ignoreCase: 'A–Z lika med a–z',
              },
              'och',
            ),
            '. ',
          ]),
      locate
        ? `Vid en avvikelse letas de avvikande raderna upp med hjälp av nyckeln och räknas som saknade, extra eller ändrade, med de kolumner som skiljer i de ändrade raderna (namn och antal, aldrig värden); ett resultat visar högst ${maxKeys} nycklar${keySensitive ? ', maskerade (aldrig i klartext)' : ''}.`
        : 'En avvikelse rapporteras som helhet, utan att enskilda rader letas upp.',
    ],
    short: (columns, mapped) =>
      columns === mapped
        ? `kontrollsumma (alla ${mapped} kolumner): exakt`
        : `kontrollsumma (${columns} av ${mapped} kolumner): exakt`,
  },
  en: {
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
    checksum: (columns, locate, maxKeys, keySensitive, settings) => [
      '. For every row, the values of ',
      ...codeList(columns, 'and'),
      ' are turned into a hash inside each database, and the hashes of all rows are summed. The sums must be equal on both sides, so that even a single changed value in these columns is found. ',
      'Numbers are compared at the larger number of decimals the two columns declare, timestamps at the smaller declared fraction of a second (rounded, as the engines round when they store fewer digits), floats bit for bit and other values exactly',
      ...(settings.length === 0
        ? ['. ']
        : [
            '; set per column: ',
            ...settingsList(
              settings,
              {
                scale: (n) => `${n} decimals`,
                precision: (n) => `${n} digits of the second`,
                truncate: 'truncated, not rounded',
                trim: 'trailing spaces ignored',
                ignoreCase: 'A–Z equal to a–z',
              },
              'and',
            ),
            '. ',
          ]),
      locate
        ? `On a difference the differing rows are located by key and counted as missing, extra or changed, with the columns each changed row differs in (names and counts, never values); a result lists at most ${maxKeys} keys${keySensitive ? ', masked (never in clear)' : ''}.`
        : 'A difference is reported as a whole, without locating rows.',
    ],
    short: (columns, mapped) =>
      columns === mapped
        ? `checksum (all ${mapped} columns): exact`
        : `checksum (${columns} of ${mapped} columns): exact`,
  },
}

/**
 * A `checksum` assertion in words: the columns hashed (the assertion's resolved `columns`, the same list the
 * row-hash SQL is built from) and the mapped columns it leaves out, their settings, and how a difference is
 * located.
 */
export function explainChecksum(
  a: ChecksumAssertion,
  language: Language,
  context: ExplainContext,
): Explanation {
  const p = PHRASES[language]
  const columns = a.columns.map((c) => c.name)
  const left = context.mappedColumns.filter((c) => !columns.includes(c))
  const mapped = columns.length + left.length
  return {
    text: [
      ...p.covers(columns, left, mapped),
      ...p.checksum(
        columns,
        a.locate,
        a.maxKeysReported,
        context.keySensitive,
        a.columns.flatMap((c) => (c.canonical === undefined ? [] : [{ name: c.name, ...c.canonical }])),
      ),
    ],
    threshold: p.short(columns.length, mapped),
  }
}

import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_PRECISION,
  DEFAULT_SCALE,
  defaultEncoding,
  fieldKindOf,
  resolveFieldEncoding,
} from '../../src/checksum/encoding.js'
import { KeyMasker } from '../../src/results/key-mask.js'
import { classifyKeys } from '../../src/checksum/locate.js'
import {
  canonicalField,
  canonicalRowText,
  type ReferenceValue,
  referenceChecksum,
  roundDecimalText,
  integerBucketOf,
  rowHashOf,
} from '../../src/checksum/reference.js'
import type { ColumnInfo, FieldEncoding, TypeFamily } from '../../src/dialects/dialect.js'
import { ReconcileError } from '../../src/errors/errors.js'

const text = defaultEncoding('text')
const hashOf = (values: ReferenceValue[], encodings: FieldEncoding[]) =>
  rowHashOf(canonicalRowText(values, encodings))

/**
 * Reads a row text back into its fields, as docs/checksum.md says it can be read: every `|` starts a two-character
 * token, `||` (a `|` inside text), `|;` (the end of a field) or `|N` (a NULL field). If every row text decodes to
 * the row it came from, no two different rows can share a text.
 */
function decodeRowText(rowText: string): Array<string | null> {
  const fields: Array<string | null> = []
  let field = ''
  let isNull = false
  for (let i = 0; i < rowText.length; i++) {
    const c = rowText[i]
    if (c !== '|') {
      field += c
      continue
    }
    const next = rowText[++i]
    if (next === '|') field += '|'
    else if (next === ';') {
      fields.push(isNull ? null : field)
      field = ''
      isNull = false
    } else if (next === 'N' && field === '') isNull = true
    else throw new Error(`"|${next}" at ${i} is no token`)
  }
  fields.push(isNull ? null : field)
  return fields
}

describe('canonical row text is unambiguous', () => {
  it('tells NULL from the empty string in every position', () => {
    const encodings = [text, text, text]
    const rows: ReferenceValue[][] = []
    for (let mask = 0; mask < 8; mask++) {
      rows.push([0, 1, 2].map((i) => ((mask >> i) & 1 ? null : '')))
    }
    const texts = new Set(rows.map((r) => canonicalRowText(r, encodings)))
    expect(texts.size).toBe(rows.length)
  })

  it('tells apart values that only move a character across the separator', () => {
    const pairs: Array<[ReferenceValue[], ReferenceValue[]]> = [
      [
        ['ab', 'c'],
        ['a', 'bc'],
      ],
      [
        ['a|b', 'c'],
        ['a', 'b|c'],
      ],
      [
        ['a|', ';b'],
        ['a', '|;b'],
      ],
      [['|N'], [null]],
      [
        ['a|', ''],
        ['a', '|'],
      ],
    ]
    for (const [a, b] of pairs) {
      const encodings = a.map(() => text)
      expect(canonicalRowText(a, encodings)).not.toBe(canonicalRowText(b, encodings))
      expect(hashOf(a, encodings)).not.toBe(hashOf(b, encodings))
    }
  })

  it('decodes every row of separator-like text back to its fields', () => {
    // Every row of three fields, each NULL or a string of up to three of the characters that build the structure.
    const alphabet = ['|', ';', 'N', 'a']
    const strings = ['']
    for (let length = 1; length <= 3; length++) {
      for (const s of strings.filter((x) => x.length === length - 1))
        strings.push(...alphabet.map((c) => s + c))
    }
    const values: Array<string | null> = [null, ...strings]
    const encodings = [text, text, text]
    let rows = 0
    for (const a of values) {
      for (const b of [null, '', '|', ';N', '|;', 'a|N']) {
        for (const c of values) {
          expect(decodeRowText(canonicalRowText([a, b, c], encodings))).toEqual([a, b, c])
          rows++
        }
      }
    }
    expect(rows).toBe(values.length * values.length * 6)
  })

  it('writes NULL as |N, separates fields with |; and doubles | inside text', () => {
    expect(canonicalField(null, text)).toBeNull()
    expect(canonicalField('a|b\\c', text)).toBe('a||b\\c')
    expect(canonicalRowText(['x', null, 3n], [text, text, defaultEncoding('integer')])).toBe('x|;|N|;3')
    expect(canonicalRowText([true, false], [defaultEncoding('boolean'), defaultEncoding('boolean')])).toBe(
      't|;f',
    )
  })
})

describe('canonical values', () => {
  it('rounds decimals half away from zero to the scale and never writes a negative zero', () => {
    expect(roundDecimalText('2.5', 0)).toBe('3')
    expect(roundDecimalText('-2.5', 0)).toBe('-3')
    expect(roundDecimalText('-0.004', 2)).toBe('0.00')
    expect(roundDecimalText('10.5', 3)).toBe('10.500')
    expect(roundDecimalText('1e-3', 4)).toBe('0.0010')
    const decimal = { ...defaultEncoding('decimal'), scale: 2 }
    expect(canonicalField(-0, decimal)).toBe('0.00')
    expect(canonicalField('12345678901234567890.125', decimal)).toBe('12345678901234567890.13')
  })

  it('reads a double through 15 significant digits, as PostgreSQL converts float8 to numeric', () => {
    const decimal = defaultEncoding('decimal')
    expect(canonicalField(0.1, decimal)).toBe('0.1000000000')
    expect(canonicalField(123456789.12345679, decimal)).toBe('123456789.1234570000')
  })

  it('writes two floats as their IEEE 754 bits, with -0 as 0', () => {
    const float = defaultEncoding('float')
    expect(canonicalField(1.1, float)).toBe('3ff199999999999a')
    expect(canonicalField(-0, float)).toBe('0000000000000000')
    expect(canonicalField(Math.fround(0.1), float)).toBe('3fb99999a0000000')
    expect(canonicalField(0.1 + 0.2, float)).not.toBe(canonicalField(0.3, float))
  })

  it('rounds timestamps half up by default, carrying into the day, and decimals half away from zero', () => {
    const ts = (precision: number) => ({ ...defaultEncoding('timestamp'), precision })
    expect(canonicalField('2026-11-20 10:15:30.500', ts(0))).toBe('2026-11-20 10:15:31')
    expect(canonicalField('2026-11-20 10:15:30.499999', ts(0))).toBe('2026-11-20 10:15:30')
    expect(canonicalField('2026-12-31 23:59:59.9996', ts(3))).toBe('2027-01-01 00:00:00')
    expect(canonicalField('1969-07-20 20:17:40.987654', ts(3))).toBe('1969-07-20 20:17:40.988')
    expect(canonicalField('1969-07-20 20:17:40.0996', ts(3))).toBe('1969-07-20 20:17:40.1')
    const dec = (rounding: 'round' | 'truncate') => ({ ...defaultEncoding('decimal'), scale: 2, rounding })
    expect(canonicalField('12.3450', dec('round'))).toBe('12.35')
    expect(canonicalField('-12.3450', dec('round'))).toBe('-12.35')
    expect(canonicalField('12.3499', dec('truncate'))).toBe('12.34')
    expect(canonicalField('-12.3499', dec('truncate'))).toBe('-12.34')
    expect(canonicalField('-0.0099', dec('truncate'))).toBe('0.00')
  })

  it('truncates timestamps to the precision when asked and moves offsets to UTC across daylight saving', () => {
    const ts = (precision: number) => ({
      ...defaultEncoding('timestamp'),
      precision,
      rounding: 'truncate' as const,
    })
    expect(canonicalField('1969-07-20T20:17:40.987654', ts(7))).toBe('1969-07-20 20:17:40.987654')
    expect(canonicalField('1969-07-20T20:17:40.9876543', ts(7))).toBe('1969-07-20 20:17:40.9876543')
    expect(canonicalField('1969-07-20 20:17:40.987654', ts(3))).toBe('1969-07-20 20:17:40.987')
    expect(canonicalField('1969-07-20 20:17:40.900654', ts(3))).toBe('1969-07-20 20:17:40.9')
    expect(canonicalField('1969-07-20 20:17:40.000654', ts(3))).toBe('1969-07-20 20:17:40')
    expect(canonicalField('1969-07-20 20:17:40.987654', ts(0))).toBe('1969-07-20 20:17:40')
    expect(canonicalField('2024-02-29', ts(1))).toBe('2024-02-29 00:00:00')
    const tz = defaultEncoding('timestamptz')
    // The hour 02:00–03:00 on 27 October 2024 happens twice in Stockholm: once at +02:00, once at +01:00.
    expect(canonicalField('2024-10-27T02:30:00+02:00', tz)).toBe('2024-10-27 00:30:00')
    expect(canonicalField('2024-10-27T02:30:00+01:00', tz)).toBe('2024-10-27 01:30:00')
    expect(canonicalField('0001-01-01T00:30:00+01:00', tz)).toBe('0000-12-31 23:30:00')
    expect(canonicalField(new Date('1960-01-01T00:00:00.123Z'), tz)).toBe('1960-01-01 00:00:00.123')
  })

  it('folds only ASCII letters when case is ignored, and trims only spaces', () => {
    const folded = { ...text, ignoreCase: true, trimTrailingSpaces: true }
    expect(canonicalField('ÅSA Öberg \t ', folded)).toBe('Åsa Öberg \t')
  })

  it('refuses a value of the wrong kind without showing it', () => {
    try {
      canonicalField('secret-personnummer', defaultEncoding('integer'))
      expect.unreachable()
    } catch (error: unknown) {
      expect(error).toBeInstanceOf(ReconcileError)
      expect((error as Error).message).not.toContain('secret')
    }
  })
})

describe('row hash and checksum', () => {
  it('is the low 60 bits of the first 8 bytes of MD5 over the UTF-8 text', () => {
    for (const value of ['', 'å ä ö', '👩‍⚕️||;|N']) {
      const md5 = createHash('md5').update(Buffer.from(value, 'utf8')).digest('hex')
      expect(rowHashOf(value)).toBe(BigInt(`0x${md5.slice(1, 16)}`))
      expect(rowHashOf(value) < 2n ** 60n).toBe(true)
    }
  })

  it('sums row hashes exactly, whatever the order of the rows', () => {
    const encodings = [defaultEncoding('integer'), text]
    const rows: ReferenceValue[][] = Array.from({ length: 50 }, (_, i) => [BigInt(i), `r${i}`])
    const forward = referenceChecksum(rows, encodings)
    const backward = referenceChecksum([...rows].reverse(), encodings)
    expect(forward).toEqual(backward)
    expect(forward.rows).toBe(50n)
    expect(forward.sum).toBe(rows.reduce((s, r) => s + hashOf(r, encodings), 0n))
  })
})

describe('field kinds of a column pair', () => {
  it('widens numbers and dates, and refuses what cannot be compared', () => {
    expect(fieldKindOf('integer', 'integer', false)).toBe('integer')
    expect(fieldKindOf('integer', 'integer', true)).toBe('decimal')
    expect(fieldKindOf('integer', 'decimal', false)).toBe('decimal')
    expect(fieldKindOf('float', 'decimal', false)).toBe('decimal')
    expect(fieldKindOf('float', 'float', false)).toBe('float')
    expect(fieldKindOf('float', 'float', true)).toBe('decimal')
    expect(fieldKindOf('date', 'timestamp', false)).toBe('timestamp')
    expect(fieldKindOf('uuid', 'text', false)).toBe('text')
    expect(fieldKindOf('timestamp', 'timestamptz', false)).toHaveProperty('reason')
    expect(fieldKindOf('text', 'integer', false)).toHaveProperty('reason')
    expect(fieldKindOf('unknown', 'unknown', false)).toHaveProperty('reason')
  })

  const col = (family: TypeFamily, digits: Partial<ColumnInfo> = {}): ColumnInfo => ({
    name: 'c',
    dataType: family,
    family,
    ...digits,
  })

  it('rejects an option that does not apply to the column, naming it', () => {
    const column = { name: 'fee', source: 'fee', target: 'fee', canonical: { precision: 3 } }
    expect(() => resolveFieldEncoding(column, col('decimal'), col('decimal'))).toThrow(/"precision"/)
    expect(
      resolveFieldEncoding({ ...column, canonical: { scale: 2 } }, col('decimal'), col('integer')),
    ).toMatchObject({ kind: 'decimal', scale: 2 })
  })

  it('compares at the declared digits when the column sets none, never rounding a declared digit away', () => {
    const column = { name: 'c', source: 'c', target: 'c' }
    const scale = (a: ColumnInfo, b: ColumnInfo) => resolveFieldEncoding(column, a, b).scale
    expect(scale(col('decimal', { scale: 2 }), col('decimal', { scale: 4 }))).toBe(4)
    expect(scale(col('decimal', { scale: 2 }), col('integer'))).toBe(2)
    expect(scale(col('decimal', { scale: 2 }), col('float'))).toBe(2)
    expect(scale(col('decimal', { scale: 2 }), col('decimal'))).toBe(DEFAULT_SCALE)
    expect(scale(col('integer'), col('float'))).toBe(0)
    const precision = (a: ColumnInfo, b: ColumnInfo) => resolveFieldEncoding(column, a, b).precision
    expect(precision(col('timestamp', { fractionDigits: 7 }), col('timestamp', { fractionDigits: 6 }))).toBe(
      6,
    )
    expect(precision(col('timestamp', { fractionDigits: 3 }), col('date'))).toBe(3)
    expect(precision(col('timestamptz'), col('timestamptz', { fractionDigits: 6 }))).toBe(6)
    expect(precision(col('timestamp'), col('timestamp'))).toBe(DEFAULT_PRECISION)
  })
})

describe('KeyMasker', () => {
  const secret = 'x'.repeat(40)

  it('masks a key the same way every time, differently under another secret', () => {
    const a = KeyMasker.withSecret(secret)
    expect(a.mask('12345')).toMatch(/^#[0-9a-f]{16}$/)
    expect(a.mask('12345')).toBe(KeyMasker.withSecret(secret).mask('12345'))
    expect(a.mask('12345')).not.toBe(a.mask('12346'))
    expect(a.mask('12345')).not.toBe(KeyMasker.withSecret('y'.repeat(40)).mask('12345'))
    expect(a.show('12345', false)).toBe('12345')
    expect(a.show('12345', true)).toBe(a.mask('12345'))
  })

  it('reads the secret from the environment, refuses a short one, and makes one up when unset', () => {
    expect(KeyMasker.fromEnvironment({ RECONCILE_KEY_SECRET: secret }).ephemeral).toBe(false)
    expect(() => KeyMasker.fromEnvironment({ RECONCILE_KEY_SECRET: 'short' })).toThrow(/at least 32/)
    const made = KeyMasker.fromEnvironment({})
    expect(made.ephemeral).toBe(true)
    expect(KeyMasker.fromEnvironment({}).mask('1')).toBe(made.mask('1'))
  })
})

describe('classifyKeys', () => {
  /** A fetched row whose row hash is its column hashes joined. */
  const row = (...columns: string[]) => ({ hash: columns.join(''), columns })

  it('cancels equal rows and sorts the rest into missing, extra, changed and duplicates', () => {
    const source = new Map([
      ['1', [row('a', 'x')]],
      ['2', [row('b', 'x')]],
      ['3', [row('c', 'x')]],
      ['5', [row('e', 'x')]],
    ])
    const target = new Map([
      ['1', [row('a', 'x')]],
      ['2', [row('B', 'x')]],
      ['4', [row('d', 'x')]],
      ['5', [row('e', 'x'), row('e', 'x')]],
    ])
    const result = classifyKeys(source, target)
    expect(result).toMatchObject({ missing: 1, extra: 2, changed: 1, duplicateKeys: 1 })
    expect(result.keys).toEqual({ missing: ['3'], extra: ['4', '5'], changed: ['2'], duplicate: ['5'] })
  })

  it('counts, per column, the changed pairs whose column hashes differ', () => {
    const source = new Map([
      ['1', [row('a', 'x', 'p')]],
      ['2', [row('b', 'y', 'p')]],
      ['3', [row('c', 'z', 'p')]],
      ['4', [row('d', 'z', 'p')]],
    ])
    const target = new Map([
      ['1', [row('A', 'x', 'p')]],
      ['2', [row('B', 'Y', 'p')]],
      ['3', [row('c', 'z', 'p')]],
    ])
    const result = classifyKeys(source, target)
    expect(result).toMatchObject({ changed: 2, missing: 1, columnsDiffering: [2, 1] })
  })
})

describe('integerBucketOf', () => {
  it('spreads strided keys over the buckets, negative ones too', () => {
    for (const stride of [1n, 10n, 1024n, -1024n, 1n << 31n]) {
      const counts = new Array<number>(64).fill(0)
      for (let j = 1n; j <= 6400n; j++) {
        const b = Number(integerBucketOf([j * stride], 64n))
        counts[b] = (counts[b] ?? 0) + 1
      }
      // 100 keys per bucket on average: every bucket holds some, none more than twice its share.
      expect(Math.min(...counts)).toBeGreaterThan(0)
      expect(Math.max(...counts)).toBeLessThanOrEqual(200)
    }
  })

  it('refines: a key in bucket b of m × f is in bucket b mod m of m', () => {
    const keys = [0n, 1n, -1n, 123_456_789n, -(1n << 63n), (1n << 63n) - 1n, null]
    for (const key of keys)
      for (const m of [1n, 2n, 1024n, 65_536n])
        for (const f of [2n, 64n]) expect(integerBucketOf([key], m * f) % m).toBe(integerBucketOf([key], m))
  })

  it('puts a NULL key where key 0 goes and stays below the modulus', () => {
    expect(integerBucketOf([null], 1n << 31n)).toBe(integerBucketOf([0n], 1n << 31n))
    expect(integerBucketOf([(1n << 63n) - 1n], 1n << 31n)).toBeLessThan(1n << 31n)
    expect(integerBucketOf([-(1n << 63n)], 1n << 31n)).toBeGreaterThanOrEqual(0n)
  })

  it('folds a key of several integer columns: order matters, and a short first column still spreads', () => {
    const P = 2_147_483_647n
    const one = (k: bigint) => ((((k % P) + P) % P) * 48_271n) % P
    // h = ((h(first) + second) × C) % P, written out.
    expect(integerBucketOf([5n, 7n], 1n << 31n)).toBe(((one(5n) + 7n) * 48_271n) % P)
    expect(integerBucketOf([5n, 7n], 1n << 31n)).not.toBe(integerBucketOf([7n, 5n], 1n << 31n))
    expect(integerBucketOf([-3n, null], 1n << 31n)).toBe(integerBucketOf([-3n, 0n], 1n << 31n))
    // (visit, line) keys: 1,600 visits of 4 lines each, and (unit, visit) keys with only 3 units.
    for (const keyOf of [(j: bigint) => [j / 4n, j % 4n], (j: bigint) => [j % 3n, j * 1024n]]) {
      const counts = new Array<number>(64).fill(0)
      for (let j = 0n; j < 6400n; j++) {
        const b = Number(integerBucketOf(keyOf(j), 64n))
        counts[b] = (counts[b] ?? 0) + 1
      }
      expect(Math.min(...counts)).toBeGreaterThan(0)
      expect(Math.max(...counts)).toBeLessThanOrEqual(200)
    }
  })
})

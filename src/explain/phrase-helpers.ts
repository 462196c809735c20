import type { Inline } from './blocks.js'
import type { Language } from '../i18n/language.js'
import type { ColumnComparison } from './phrases.js'

/** Pieces both languages' phrases are built from: inline code, lists in words, cron in words. */
export const code = (text: string): Inline => ({ code: text })

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

export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** `fee` (2 decimals), `seen_at` (3 digits of the second): the per-column settings, in words. */
export function settingsList(
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

/** Separates inline code items with commas and a final "and". */
export function codeList(items: readonly string[], and: string): Inline[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : [i === items.length - 1 ? ` ${and} ` : ', ']),
    code(item),
  ])
}

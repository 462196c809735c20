import { joinList } from '../i18n/phrase-helpers.js'
import { catalog, type Language } from '../i18n/language.js'

/**
 * A cron expression in words for the common forms (`M H * * *`, `M H * * 1-5`, `M H * * 1,3`), in the language's
 * words from the catalog; any other form is shown as the expression itself.
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
  const words = catalog(language).document.cron
  const time = `${(hour ?? '').padStart(2, '0')}:${(minute ?? '').padStart(2, '0')}`
  const day = (n: string) => words.weekdays[Number(n) % 7]
  let which: string | undefined
  if (dow === '*') which = words.everyDay
  else if (/^\d-\d$/.test(dow ?? '')) {
    const [from = '', to = ''] = (dow ?? '').split('-')
    which = words.dayRange(day(from) ?? from, day(to) ?? to)
  } else if (/^\d(,\d)*$/.test(dow ?? ''))
    which = joinList(
      (dow ?? '').split(',').map((d) => day(d) ?? d),
      catalog(language).and,
    )
  if (which === undefined) return plain
  return words.at(which, time, plain)
}

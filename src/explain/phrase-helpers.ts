import type { Language } from '../i18n/language.js'
import { joinList } from '../i18n/phrase-helpers.js'

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

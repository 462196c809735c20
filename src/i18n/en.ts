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
  notify: {},

  // The dashboard.
  web: {},

  // The control document.
  document: {},

  // Check kinds.
  kinds: {},

  // Result messages by code.
  results: {},
}

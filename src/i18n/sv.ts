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

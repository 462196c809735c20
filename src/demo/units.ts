/** What kind of care a demo unit gives; it decides which patients it sees and what they pay. */
export type UnitKind = 'primary' | 'specialist' | 'children'

/** One care unit of the demo region. */
export interface DemoUnit {
  /** Cosmic's internal id. */
  readonly id: number
  /** Short code, the same in Cosmic and CI, e.g. `VC-NORR`. */
  readonly code: string
  readonly name: string
  /** Children's units see only children and charge no fee (care for children is free of charge). */
  readonly kind: UnitKind
}

const PRIMARY: ReadonlyArray<readonly [string, string]> = [
  ['VC-NORR', 'Vårdcentral Norr'],
  ['VC-SODER', 'Vårdcentral Söder'],
  ['VC-OSTER', 'Vårdcentral Öster'],
  ['VC-VASTER', 'Vårdcentral Väster'],
  ['VC-CENTRUM', 'Vårdcentral Centrum'],
  ['VC-HAMNEN', 'Vårdcentral Hamnen'],
  ['VC-BERGET', 'Vårdcentral Berget'],
  ['VC-DALEN', 'Vårdcentral Dalen'],
  ['VC-SJOSTAD', 'Vårdcentral Sjöstaden'],
  ['VC-SKOGEN', 'Vårdcentral Skogen'],
  ['VC-ALBY', 'Vårdcentral Alby'],
  ['VC-BRUKET', 'Vårdcentral Bruket'],
  ['VC-KYRKBY', 'Vårdcentral Kyrkbyn'],
  ['VC-LUNDEN', 'Vårdcentral Lunden'],
  ['VC-MALMEN', 'Vårdcentral Malmen'],
  ['VC-NASET', 'Vårdcentral Näset'],
  ['VC-RIDDAR', 'Vårdcentral Riddarhagen'],
  ['VC-STRAND', 'Vårdcentral Stranden'],
  ['VC-TALLBO', 'Vårdcentral Tallbo'],
  ['VC-ANGEN', 'Vårdcentral Ängen'],
]

const SPECIALIST: ReadonlyArray<readonly [string, string]> = [
  ['ORT-MOTT', 'Ortopedmottagningen'],
  ['KIR-MOTT', 'Kirurgmottagningen'],
  ['MED-MOTT', 'Medicinmottagningen'],
  ['KARD-MOTT', 'Kardiologmottagningen'],
  ['HUD-MOTT', 'Hudmottagningen'],
  ['OGON-MOTT', 'Ögonmottagningen'],
  ['ONH-MOTT', 'Öron-näsa-halsmottagningen'],
  ['URO-MOTT', 'Urologmottagningen'],
  ['KVK-MOTT', 'Kvinnokliniken, mottagning'],
  ['NEUR-MOTT', 'Neurologmottagningen'],
  ['REUM-MOTT', 'Reumatologmottagningen'],
  ['ONK-MOTT', 'Onkologmottagningen'],
  ['PSYK-MOTT', 'Psykiatrisk öppenvårdsmottagning'],
  ['LUNG-MOTT', 'Lungmottagningen'],
  ['ENDO-MOTT', 'Endokrinologmottagningen'],
  ['GER-MOTT', 'Geriatrisk mottagning'],
  ['SMART-MOTT', 'Smärtmottagningen'],
]

const CHILDREN: ReadonlyArray<readonly [string, string]> = [
  ['BUM-NORR', 'Barn- och ungdomsmottagningen Norr'],
  ['BUM-SYD', 'Barn- och ungdomsmottagningen Syd'],
  ['BUP-MOTT', 'Barn- och ungdomspsykiatrisk mottagning'],
]

/**
 * The 40 care units of the demo region. Ids are spread out (101, 104, ...) so that they visibly differ from CI's
 * surrogate keys: a comparison must go through the unit code, as it would between the real systems.
 */
export const DEMO_UNITS: readonly DemoUnit[] = [
  ...PRIMARY.map(([code, name]) => ({ code, name, kind: 'primary' as const })),
  ...SPECIALIST.map(([code, name]) => ({ code, name, kind: 'specialist' as const })),
  ...CHILDREN.map(([code, name]) => ({ code, name, kind: 'children' as const })),
].map((unit, index) => ({ id: 101 + index * 3, ...unit }))

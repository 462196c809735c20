import type { LoadWaitConfig } from '../config/types.js'
import type { CheckDefinition } from '../definitions/types.js'
import { catalog, type Language } from '../i18n/language.js'

/** The check id under which a scheduled run records whether the night's load finished in time. */
export const LOAD_CHECK_ID = 'load'

/** Assertion key of the `load` check's one result. */
export const LOAD_ASSERTION = 'load_finished'

/** What a message says about a check, whether it comes from a definition or is the built-in `load` check. */
export interface CheckInfo {
  readonly id: string
  readonly title: string
  readonly description: string
  readonly owner: string
  readonly severity: 'low' | 'medium' | 'high' | 'critical'
  /** The vendor is responsible: an incident also queues a ticket to the vendor address. */
  readonly vendor: boolean
  /** Extra alert recipients. */
  readonly recipients: readonly string[]
  /** Definition file, when there is one. */
  readonly file?: string
  readonly hash: string
}

/** The message view of a check definition. */
export function infoOfDefinition(definition: CheckDefinition): CheckInfo {
  return {
    id: definition.id,
    title: definition.title,
    description: definition.description,
    owner: definition.owner,
    severity: definition.severity,
    vendor: definition.notify.vendor,
    recipients: definition.notify.recipients,
    file: definition.file,
    hash: definition.hash,
  }
}

/** The built-in check that a scheduled run records before the others: did the night's load finish in time? */
export function loadCheckInfo(load: LoadWaitConfig | undefined, locale: Language): CheckInfo {
  const texts = catalog(locale).notify.loadCheck
  return {
    id: LOAD_CHECK_ID,
    title: texts.title,
    description: texts.description(load?.connection ?? '?'),
    owner: 'cosmic-reconcile',
    severity: 'high',
    vendor: load?.notifyVendor ?? false,
    recipients: [],
    hash: 'load',
  }
}

/** Looks up the info of a check id: a definition's, the built-in load check's, or a minimal one for a check removed since. */
export function checkInfoResolver(
  definitions: readonly CheckDefinition[],
  load: LoadWaitConfig | undefined,
  locale: Language,
): (id: string) => CheckInfo {
  const byId = new Map(definitions.map((d) => [d.id, infoOfDefinition(d)]))
  return (id) => {
    const found = byId.get(id)
    if (found !== undefined) return found
    if (id === LOAD_CHECK_ID) return loadCheckInfo(load, locale)
    return {
      id,
      title: id,
      description: '',
      owner: '',
      severity: 'medium',
      vendor: false,
      recipients: [],
      hash: '',
    }
  }
}

/**
 * The check's page on the dashboard (`<web.public_url>/<language>/checks/<id>`, the page that shows its open
 * incident and history), or undefined when no public address is configured.
 */
export function dashboardLink(
  publicUrl: string | undefined,
  locale: Language,
  checkId: string,
): string | undefined {
  return publicUrl === undefined ? undefined : `${publicUrl}/${locale}/checks/${encodeURIComponent(checkId)}`
}

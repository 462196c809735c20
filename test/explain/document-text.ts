import type { Config } from '../../src/config/types.js'
import type { CheckDefinition } from '../../src/definitions/types.js'
import { controlDocument } from '../../src/explain/document.js'
import { controlDocumentMarkdown } from '../../src/explain/render.js'
import type { Language } from '../../src/i18n/language.js'

/**
 * The control document of one definition under `config`, as plain running text: the Markdown with code and
 * emphasis marks and escapes removed, whitespace collapsed, so a test can look for a sentence as a reader sees it.
 */
export function documentText(config: Config, definition: CheckDefinition, language: Language): string {
  const doc = controlDocument({
    config,
    definitions: [definition],
    statements: new Map(),
    revision: null,
    generatedAt: new Date('2026-11-23T06:00:00Z'),
  })
  return controlDocumentMarkdown(doc, language)
    .replace(/[`*]/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\s+/g, ' ')
}

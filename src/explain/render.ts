import { blocksToHtml, blocksToMarkdown } from './blocks.js'
import { type ControlDocument, controlDocumentBlocks } from './document.js'
import { markup, raw, type SafeHtml } from './html.js'
import { catalog, type Language } from '../i18n/language.js'
import { DOCUMENT_CSS } from './style.js'

/** The control document as an HTML fragment, for a page that already has the document's stylesheet. */
export function controlDocumentFragment(doc: ControlDocument, language: Language): SafeHtml {
  return blocksToHtml(controlDocumentBlocks(doc, language))
}

/** The control document as one self-contained, printable HTML file: no scripts, no external resources. */
export function controlDocumentHtml(doc: ControlDocument, language: Language): string {
  return markup`<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cosmic-reconcile">
<title>${catalog(language).document.title(doc.installation)}</title>
<style>${raw(DOCUMENT_CSS)}</style>
</head>
<body>
<main class="doc">
${controlDocumentFragment(doc, language)}
</main>
</body>
</html>
`.value
}

/** The control document as Markdown (CommonMark with tables). */
export function controlDocumentMarkdown(doc: ControlDocument, language: Language): string {
  return blocksToMarkdown(controlDocumentBlocks(doc, language))
}

import type { Inline } from '../i18n/inline.js'
import { markup, type SafeHtml } from './html.js'

export type { Inline }

/**
 * The control document as blocks that both renderers share, so the HTML and the Markdown say exactly the same.
 */
export type Block =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3; readonly text: string; readonly id?: string }
  | { readonly type: 'paragraph'; readonly content: readonly Inline[]; readonly note?: boolean }
  | { readonly type: 'list'; readonly items: readonly (readonly Inline[])[] }
  | {
      readonly type: 'table'
      readonly head: readonly string[]
      readonly rows: readonly (readonly (readonly Inline[])[])[]
      readonly className?: string
    }
  | { readonly type: 'facts'; readonly rows: readonly (readonly [string, readonly Inline[]])[] }
  | { readonly type: 'code'; readonly text: string; readonly caption: readonly Inline[] }
  | { readonly type: 'section'; readonly id: string; readonly blocks: readonly Block[] }

function inlineHtml(part: Inline): SafeHtml {
  if (typeof part === 'string') return markup`${part}`
  if ('code' in part) return markup`<code>${part.code}</code>`
  if ('strong' in part) return markup`<strong>${part.strong}</strong>`
  if ('link' in part) return markup`<a href="${part.link}">${part.text}</a>`
  if ('br' in part) return markup`<br />`
  return markup`<span class="label ${part.tone}">${part.label}</span>`
}

function inlinesHtml(parts: readonly Inline[]): SafeHtml {
  return markup`${parts.map(inlineHtml)}`
}

/** Renders blocks as HTML (a fragment: the caller supplies the page around it). */
export function blocksToHtml(blocks: readonly Block[]): SafeHtml {
  return markup`${blocks.map(blockHtml)}`
}

function blockHtml(block: Block): SafeHtml {
  switch (block.type) {
    case 'heading': {
      const id = block.id === undefined ? '' : markup` id="${block.id}"`
      if (block.level === 1) return markup`<h1${id}>${block.text}</h1>\n`
      if (block.level === 2) return markup`<h2${id}>${block.text}</h2>\n`
      return markup`<h3${id}>${block.text}</h3>\n`
    }
    case 'paragraph':
      return markup`<p${block.note === true ? markup` class="note"` : ''}>${inlinesHtml(block.content)}</p>\n`
    case 'list':
      return markup`<ul>${block.items.map((item) => markup`<li>${inlinesHtml(item)}</li>`)}</ul>\n`
    case 'table': {
      const head = block.head.map((h) => markup`<th scope="col">${h}</th>`)
      const rows = block.rows.map(
        (row) =>
          markup`<tr>${row.map((cell, i) => markup`<td data-label="${block.head[i] ?? ''}">${inlinesHtml(cell)}</td>`)}</tr>\n`,
      )
      return markup`<div class="table-wrap"><table class="${block.className ?? ''}">
<thead><tr>${head}</tr></thead>
<tbody>
${rows}</tbody></table></div>\n`
    }
    case 'facts':
      return markup`<dl class="facts">${block.rows.map(([label, value]) => markup`<dt>${label}</dt><dd>${inlinesHtml(value)}</dd>`)}</dl>\n`
    case 'code':
      return markup`<figure class="sql"><figcaption>${inlinesHtml(block.caption)}</figcaption><pre><code>${block.text}</code></pre></figure>\n`
    case 'section':
      return markup`<section class="check" id="${block.id}">\n${blocksToHtml(block.blocks)}</section>\n`
  }
}

function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1')
}

function inlineMarkdown(part: Inline): string {
  if (typeof part === 'string') return escapeMarkdown(part)
  if ('code' in part) {
    // A code span must be fenced by more backticks than it contains.
    const longest = Math.max(0, ...[...part.code.matchAll(/`+/g)].map((m) => m[0].length))
    const fence = '`'.repeat(longest + 1)
    const pad = part.code.startsWith('`') || part.code.endsWith('`') ? ' ' : ''
    return `${fence}${pad}${part.code.replace(/\|/g, '\\|')}${pad}${fence}`
  }
  if ('strong' in part) return `**${escapeMarkdown(part.strong)}**`
  if ('link' in part) return `[${escapeMarkdown(part.text)}](${part.link})`
  if ('br' in part) return '<br>'
  return `**${escapeMarkdown(part.label)}**`
}

function inlinesMarkdown(parts: readonly Inline[]): string {
  return parts
    .map(inlineMarkdown)
    .join('')
    .replace(/\s*\n\s*/g, ' ')
}

/** Renders blocks as CommonMark with GitHub tables. */
export function blocksToMarkdown(blocks: readonly Block[]): string {
  return `${blocks
    .map(blockMarkdown)
    .join('\n\n')
    .replace(/\n{3,}/g, '\n\n')}\n`
}

function blockMarkdown(block: Block): string {
  switch (block.type) {
    case 'heading':
      return `${'#'.repeat(block.level)} ${escapeMarkdown(block.text)}`
    case 'paragraph':
      return block.note === true ? `> ${inlinesMarkdown(block.content)}` : inlinesMarkdown(block.content)
    case 'list':
      return block.items.map((item) => `- ${inlinesMarkdown(item)}`).join('\n')
    case 'table':
      return [
        `| ${block.head.map(escapeMarkdown).join(' | ')} |`,
        `| ${block.head.map(() => '---').join(' | ')} |`,
        ...block.rows.map((row) => `| ${row.map(inlinesMarkdown).join(' | ')} |`),
      ].join('\n')
    case 'facts':
      return [
        '| | |',
        '| --- | --- |',
        ...block.rows.map(([label, value]) => `| ${escapeMarkdown(label)} | ${inlinesMarkdown(value)} |`),
      ].join('\n')
    case 'code': {
      const fence = block.text.includes('```') ? '~~~~' : '```'
      return `${inlinesMarkdown(block.caption)}\n\n${fence}sql\n${block.text}\n${fence}`
    }
    case 'section':
      // An explicit anchor, so the summary table's links work whatever the viewer does with headings.
      return [`<a id="${escapeMarkdown(block.id)}"></a>`, ...block.blocks.map(blockMarkdown)].join('\n\n')
  }
}

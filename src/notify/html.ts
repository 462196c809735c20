/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
}

/** Colours of statuses, readable on white and in dark mode clients that keep inline colours. */
export const STATUS_COLOR = { pass: '#1a7f37', fail: '#cf222e', error: '#9a6700', none: '#6e7781' } as const

/** A table with a header row; cells are HTML already escaped by the caller. */
export function htmlTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const th = headers
    .map(
      (h) =>
        `<th style="text-align:left;padding:4px 8px;border-bottom:1px solid #d0d7de">${escapeHtml(h)}</th>`,
    )
    .join('')
  const body = rows
    .map(
      (row) =>
        `<tr>${row.map((c) => `<td style="padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top">${c}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<table style="border-collapse:collapse;font-size:14px">\n<tr>${th}</tr>\n${body}\n</table>`
}

/** A whole HTML message: a coloured heading line, then the given blocks, then a small footer. */
export function htmlDocument(options: {
  readonly lang: string
  readonly title: string
  readonly headline: string
  readonly color: string
  readonly blocks: readonly string[]
  readonly footer: string
}): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang)}">
<head><meta charset="utf-8"><title>${escapeHtml(options.title)}</title></head>
<body style="font-family:Segoe UI,Helvetica,Arial,sans-serif;color:#1f2328;max-width:900px">
<p style="font-size:18px;font-weight:bold;color:${options.color};margin:0 0 12px">${escapeHtml(options.headline)}</p>
${options.blocks.join('\n')}
<p style="font-size:12px;color:#6e7781;margin-top:24px">${escapeHtml(options.footer)}</p>
</body>
</html>
`
}

/** A paragraph of escaped text. */
export function htmlParagraph(text: string): string {
  return `<p>${escapeHtml(text)}</p>`
}

/** A heading of a section. */
export function htmlHeading(text: string): string {
  return `<h3 style="margin:16px 0 6px;font-size:15px">${escapeHtml(text)}</h3>`
}

/** Preformatted text, e.g. SQL. */
export function htmlPre(text: string): string {
  return `<pre style="background:#f6f8fa;padding:8px;font-size:12px;white-space:pre-wrap">${escapeHtml(text)}</pre>`
}

/** Label/value pairs as a two-column table without a header. */
export function htmlFacts(facts: readonly (readonly [string, string])[]): string {
  const rows = facts
    .map(
      ([k, v]) =>
        `<tr><td style="padding:2px 12px 2px 0;color:#57606a">${escapeHtml(k)}</td><td style="padding:2px 0">${escapeHtml(v)}</td></tr>`,
    )
    .join('\n')
  return `<table style="border-collapse:collapse;font-size:14px">\n${rows}\n</table>`
}

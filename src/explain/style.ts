/**
 * The stylesheet of the control document, inlined in every page (no external files: the document must be
 * self-contained and the dashboard's machine has no internet). Readable on a phone, and printed on A4 with each
 * check on a new page.
 */
export const DOCUMENT_CSS = `
:root { --ink: #1d2530; --muted: #5b6675; --line: #d8dee6; --paper: #fff; --band: #f4f6f9;
  --pass: #1f7a3f; --pass-bg: #e3f4e8; --fail: #b3261e; --fail-bg: #fdecea; --error: #8a5a00; --error-bg: #fff4d6;
  --accent: #1f4e8c; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: var(--paper); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; }
.doc { max-width: 62rem; margin: 0 auto; padding: 1.5rem 1.25rem 4rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 0.4rem; color: var(--accent); }
p { margin: 0.5rem 0; }
p.note { color: var(--muted); font-size: 0.92rem; }
a { color: var(--accent); }
code { font: 0.9em/1.4 ui-monospace, "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace; background: var(--band); padding: 0.05em 0.3em; border-radius: 3px; overflow-wrap: break-word; }
pre { margin: 0; padding: 0.8rem 1rem; background: var(--band); border: 1px solid var(--line); border-radius: 6px; overflow-x: auto; font-size: 0.85rem; line-height: 1.45; }
pre code { background: none; padding: 0; overflow-wrap: normal; }
figure.sql { margin: 0.9rem 0; }
figure.sql figcaption { font-size: 0.92rem; margin-bottom: 0.3rem; }
.table-wrap { overflow-x: auto; margin: 0.6rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: 0.94rem; }
th, td { text-align: left; vertical-align: top; padding: 0.45rem 0.6rem; border-bottom: 1px solid var(--line); }
th { background: var(--band); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: 0.3rem 1rem; margin: 0.6rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.label { display: inline-block; padding: 0.05rem 0.5rem; border-radius: 999px; font-size: 0.85em; font-weight: 600; white-space: nowrap; border: 1px solid currentColor; }
.label.low { color: #41566e; } .label.medium { color: #7a5b00; } .label.high { color: #b04a00; } .label.critical { color: #fff; background: var(--fail); border-color: var(--fail); }
.label.pass { color: var(--pass); background: var(--pass-bg); } .label.fail { color: var(--fail); background: var(--fail-bg); }
.label.error { color: var(--error); background: var(--error-bg); } .label.none { color: var(--muted); }
section.check { margin-top: 2.5rem; }
@media (max-width: 40rem) {
  body { font-size: 15px; }
  .doc { padding: 1rem 0.85rem 3rem; }
  h1 { font-size: 1.4rem; }
  dl.facts { grid-template-columns: 1fr; gap: 0 0; }
  dl.facts dd { margin-bottom: 0.5rem; }
  table.summary thead { display: none; }
  table.summary, table.summary tbody, table.summary tr, table.summary td { display: block; width: 100%; }
  table.summary tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 0.75rem; padding: 0.3rem 0.2rem; }
  table.summary td { border: none; padding: 0.2rem 0.6rem; }
  table.summary td::before { content: attr(data-label); display: block; font-size: 0.8rem; color: var(--muted); }
}
@media print {
  body { font-size: 10.5pt; }
  .doc { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  section.check { break-before: page; }
  pre { white-space: pre-wrap; overflow: visible; }
  tr, figure, dl { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  .no-print { display: none; }
}
`

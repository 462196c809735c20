/** The dashboard's own styles, on top of the control document's (explain/style.ts): top bar, tables, charts. */
export const WEB_CSS = `
.top { background: #16324f; color: #fff; }
.top .bar { max-width: 72rem; margin: 0 auto; padding: 0.6rem 1.25rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1.2rem; }
.top .brand { font-weight: 700; color: #fff; text-decoration: none; margin-right: auto; }
.top .brand small { font-weight: 400; opacity: 0.8; margin-left: 0.4rem; }
.top nav { display: flex; flex-wrap: wrap; gap: 0.2rem 0.9rem; }
.top nav a, .top .lang { color: #dbe7f5; text-decoration: none; padding: 0.25rem 0; border-bottom: 2px solid transparent; }
.top nav a[aria-current="page"] { color: #fff; border-bottom-color: #fff; }
.top .lang { border: 1px solid #6f8fb3; border-radius: 4px; padding: 0.1rem 0.5rem; font-size: 0.9rem; }
.page { max-width: 72rem; margin: 0 auto; padding: 1.25rem 1.25rem 3rem; }
.doc { padding: 0; max-width: none; }
footer { color: var(--muted); font-size: 0.85rem; max-width: 72rem; margin: 0 auto; padding: 1rem 1.25rem 2rem; border-top: 1px solid var(--line); }
.verdict { border-radius: 10px; padding: 1.1rem 1.25rem; margin: 0.5rem 0 1.25rem; border: 2px solid; }
.verdict h1 { margin: 0 0 0.3rem; font-size: 1.6rem; }
.verdict p { margin: 0.15rem 0; }
.verdict.pass { background: var(--pass-bg); border-color: var(--pass); } .verdict.pass h1 { color: var(--pass); }
.verdict.fail { background: var(--fail-bg); border-color: var(--fail); } .verdict.fail h1 { color: var(--fail); }
.verdict.error, .verdict.none { background: var(--error-bg); border-color: var(--error); } .verdict.error h1, .verdict.none h1 { color: var(--error); }
.warning { background: var(--error-bg); border-left: 4px solid var(--error); padding: 0.6rem 0.9rem; margin: 0.75rem 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(20rem, 1fr)); gap: 0.9rem; }
.card { border: 1px solid var(--line); border-left: 6px solid var(--line); border-radius: 8px; padding: 0.8rem 1rem; background: #fff; }
.card.pass { border-left-color: var(--pass); } .card.fail { border-left-color: var(--fail); } .card.error { border-left-color: var(--error); }
.card h3 { margin: 0.35rem 0 0.25rem; font-size: 1.05rem; color: var(--ink); }
.card h3 a { color: inherit; }
.card .meta { color: var(--muted); font-size: 0.88rem; }
.card ul { margin: 0.5rem 0 0; padding-left: 1.1rem; font-size: 0.92rem; }
.card li { margin: 0.25rem 0; }
.card .more { display: inline-block; margin-top: 0.5rem; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
td.msg { min-width: 16rem; }
table.incidents td.msg { min-width: 12rem; }
td.when { white-space: nowrap; }
td code, .card code { overflow-wrap: normal; word-break: normal; }
.chart { margin: 0.5rem 0 1.5rem; }
.chart svg { width: 100%; height: auto; display: block; background: #fff; border: 1px solid var(--line); border-radius: 6px; }
.chart .grid { stroke: #e6eaf0; stroke-width: 1; }
.chart .tick { fill: var(--muted); font-size: 12px; font-family: inherit; }
.chart .line { fill: none; stroke-width: 2.5; }
.chart .line.source { stroke: #1f4e8c; } .chart .line.target { stroke: #d9822b; stroke-dasharray: 6 4; } .chart .line.difference { stroke: #6b4fa0; }
.chart .dot.source { fill: #1f4e8c; } .chart .dot.target { fill: #d9822b; } .chart .dot.difference { fill: #6b4fa0; }
.chart .dot { stroke: #fff; stroke-width: 1.5; }
.chart .failed-run { fill: var(--fail-bg); }
.chart figcaption { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; font-size: 0.9rem; margin-top: 0.3rem; padding-left: 0.3rem; }
.chart .key.failed-run::before { border: none; background: var(--fail-bg); height: 0.9rem; }
.chart .key::before { content: ""; display: inline-block; width: 1.4rem; height: 0; border-top: 3px solid; vertical-align: middle; margin-right: 0.4rem; }
.chart .key.source::before { border-color: #1f4e8c; } .chart .key.target::before { border-top-style: dashed; border-color: #d9822b; } .chart .key.difference::before { border-color: #6b4fa0; }
.crumbs { font-size: 0.9rem; margin: 0 0 0.5rem; }
@media (max-width: 40rem) {
  .page { padding: 0.9rem 0.85rem 2rem; }
  .top .bar { padding: 0.5rem 0.85rem; }
  .cards { grid-template-columns: 1fr; }
  .verdict h1 { font-size: 1.35rem; }
  table.stack thead { display: none; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 0.7rem; padding: 0.3rem 0; }
  table.stack td { border: none; padding: 0.15rem 0.7rem; text-align: left; white-space: normal; display: grid; grid-template-columns: 7.5rem 1fr; gap: 0.6rem; }
  table.stack td > * { justify-self: start; }
  table.stack td::before { content: attr(data-label); font-size: 0.82rem; color: var(--muted); padding-top: 0.1rem; }
  td.msg { min-width: 0; }
}
`

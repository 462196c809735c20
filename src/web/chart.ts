import { markup, type SafeHtml } from '../explain/html.js'

/** One point in time of a chart: values of each series (null where a side has no value), and whether it failed. */
export interface ChartPoint {
  readonly at: Date
  /** Label of the x position, e.g. `11-23 04:15`. */
  readonly label: string
  readonly values: readonly (number | null)[]
  readonly failed: boolean
}

/** A series' name and how it is drawn. */
export interface ChartSeries {
  readonly name: string
  readonly className: 'source' | 'target' | 'difference'
}

const WIDTH = 720
const PAD = { left: 92, right: 18, top: 14, bottom: 30 }

/** A step of 1, 2 or 5 times a power of ten that splits `span` into about `parts` parts. */
function niceStep(span: number, parts: number): number {
  const raw = span / parts
  const power = 10 ** Math.floor(Math.log10(raw))
  const unit = raw / power
  return (unit <= 1 ? 1 : unit <= 2 ? 2 : unit <= 5 ? 5 : 10) * power
}

/** Axis range and ticks at round numbers covering [min, max]. */
export function niceTicks(
  min: number,
  max: number,
  parts = 4,
): { min: number; max: number; ticks: number[] } {
  if (min === max) {
    const pad = niceStep(Math.abs(min) || 1, parts)
    min -= pad
    max += pad
  }
  const step = niceStep(max - min, parts)
  const low = Math.floor(min / step) * step
  const high = Math.ceil(max / step) * step
  const ticks: number[] = []
  // Rounding to the step's own precision keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const digits = Math.max(0, -Math.floor(Math.log10(step)))
  for (let v = low; v <= high + step / 2; v += step) ticks.push(Number(v.toFixed(digits)))
  return { min: low, max: high, ticks }
}

/**
 * An inline SVG line chart (no script, no external resource): one line per series over time, failed runs shaded
 * red behind their points, y-axis ticks at round numbers formatted by `format`. Scales to its container's width.
 */
export function lineChart(options: {
  points: readonly ChartPoint[]
  series: readonly ChartSeries[]
  format: (value: number) => string
  title: string
  /** Legend text of the red shading behind failed runs. */
  failedLabel: string
  height?: number
}): SafeHtml {
  const height = options.height ?? 220
  const { points, series } = options
  const values = points.flatMap((p) => p.values.filter((v): v is number => v !== null && Number.isFinite(v)))
  if (points.length === 0 || values.length === 0) return markup``
  const { min, max, ticks } = niceTicks(Math.min(...values), Math.max(...values))
  const plotW = WIDTH - PAD.left - PAD.right
  const plotH = height - PAD.top - PAD.bottom
  const x = (i: number) => PAD.left + (points.length === 1 ? plotW / 2 : (i / (points.length - 1)) * plotW)
  const y = (v: number) => PAD.top + (1 - (v - min) / (max - min)) * plotH
  // At most six dates under the axis, always the first and the last.
  const every = Math.max(1, Math.ceil((points.length - 1) / 5))
  const xLabels = points
    .map((_, i) => i)
    .filter(
      (i) => i === 0 || i === points.length - 1 || (i % every === 0 && points.length - 1 - i >= every / 2),
    )
  const band = points.length === 1 ? plotW : plotW / (points.length - 1)
  const failures = points.map((p, i) =>
    p.failed
      ? markup`<rect class="failed-run" x="${Math.max(PAD.left, x(i) - band / 2).toFixed(1)}" y="${PAD.top}" width="${(Math.min(WIDTH - PAD.right, x(i) + band / 2) - Math.max(PAD.left, x(i) - band / 2)).toFixed(1)}" height="${plotH}"/>`
      : markup``,
  )
  const lines = series.map((s, si) => {
    const path = points
      .map((p, i) => ({ i, v: p.values[si] ?? null }))
      .filter((p): p is { i: number; v: number } => p.v !== null)
      .map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.v).toFixed(1)}`)
      .join(' ')
    const dots = points.map((p, i) => {
      const v = p.values[si] ?? null
      if (v === null) return markup``
      return markup`<circle class="dot ${s.className}${p.failed ? ' failed' : ''}" cx="${x(i).toFixed(1)}" cy="${y(v).toFixed(1)}" r="4"><title>${p.label} · ${s.name}: ${options.format(v)}</title></circle>`
    })
    return markup`<path class="line ${s.className}" d="${path}"/>${dots}`
  })
  return markup`<figure class="chart">
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${options.title}" preserveAspectRatio="xMidYMid meet">
<title>${options.title}</title>
${failures}
${ticks.map(
  (t) =>
    markup`<line class="grid" x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}"/><text class="tick" x="${PAD.left - 8}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${options.format(t)}</text>`,
)}
${xLabels.map(
  (i) =>
    markup`<text class="tick" x="${x(i).toFixed(1)}" y="${height - 8}" text-anchor="${points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}">${points[i]?.label ?? ''}</text>`,
)}
${lines}
</svg>
<figcaption>${series.map((s) => markup`<span class="key ${s.className}">${s.name}</span>`)}${points.some((p) => p.failed) ? markup`<span class="key failed-run">${options.failedLabel}</span>` : ''}</figcaption>
</figure>`
}

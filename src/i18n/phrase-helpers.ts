import type { Inline } from './inline.js'

/** Pieces every language's phrases are built from: inline code and lists in words. */
export const code = (text: string): Inline => ({ code: text })

/** `a, b and c`: items joined with commas and a final `and` (the language's word). */
export function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}

/** Separates inline code items with commas and a final "and". */
export function codeList(items: readonly string[], and: string): Inline[] {
  return items.flatMap((item, i) => [
    ...(i === 0 ? [] : [i === items.length - 1 ? ` ${and} ` : ', ']),
    code(item),
  ])
}

/** A piece of running text: plain, `code`, **strong**, a link, or a coloured label (severity, status). */
export type Inline =
  | string
  | { readonly code: string }
  | { readonly strong: string }
  | { readonly link: string; readonly text: string }
  | { readonly br: true }
  | {
      readonly label: string
      readonly tone: 'low' | 'medium' | 'high' | 'critical' | 'pass' | 'fail' | 'error' | 'none'
    }

import type { z } from 'zod'
import type { Assertion, ColumnMapping } from './types.js'

/** What resolving one assertion may use from its definition, and how it reports a problem. */
export interface ResolveHelpers {
  /** Where the assertion is in the file, e.g. `['assertions', 2]`, for `problem` and `column`. */
  readonly at: readonly PropertyKey[]
  /** The assertion's field as a person reads it, e.g. `assertions[2]`. */
  readonly field: string
  /** Every mapped column of the definition, in order. */
  readonly columns: readonly ColumnMapping[]
  /** The definition's key column names, as written. */
  readonly key: readonly string[]
  /** Whether key values identify a person (the definition's `key_sensitive`, default true). */
  readonly keySensitive: boolean
  /** Whether the definition has a `cutoff`. */
  readonly hasCutoff: boolean
  /** Reports a problem at a path of the file; the definition is then not loaded. */
  problem(at: readonly PropertyKey[], field: string, message: string): void
  /** A mapped column by name; an unmapped name is reported at `at` (saying which columns are mapped). */
  column(name: string, at: readonly PropertyKey[], field: string): ColumnMapping | undefined
}

/**
 * How a kind of assertion is written in YAML and turned into an `Assertion`. `schema` parses what a person writes
 * (`z.input`) into what `resolve` reads (`z.output`); `resolve` looks columns up, reports every problem through
 * the helpers and returns undefined when no assertion can be built.
 */
export interface AssertionSyntax<A extends Assertion, S extends z.ZodObject = z.ZodObject> {
  /** The YAML schema of one assertion of this kind; its `kind` is a literal. */
  readonly schema: S
  /** Builds the assertion from its parsed YAML, or reports why it cannot. */
  resolve(input: z.output<S>, helpers: ResolveHelpers): A | undefined
  /**
   * Checks a built assertion against the whole definition, after the definition's own checks (so problems keep
   * the order of the file's sections). `at` and `field` are the assertion's place among the built ones.
   */
  check?(assertion: A, helpers: ResolveHelpers): void
}

/** One syntax per kind of assertion: the compiler reports a kind without one. */
export type AssertionSyntaxTable = {
  readonly [K in Assertion['kind']]: AssertionSyntax<Extract<Assertion, { kind: K }>>
}

/** `"a", "b" or "c"`: the kinds of a table, for messages. */
export function kindList(kinds: AssertionSyntaxTable, quote: boolean): string {
  const names = Object.keys(kinds).map((k) => (quote ? `"${k}"` : k))
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`
}

import { createHmac, randomBytes } from 'node:crypto'
import { ReconcileError } from '../errors/errors.js'

/** The environment variable holding this installation's key-masking secret. */
export const KEY_SECRET_VARIABLE = 'RECONCILE_KEY_SECRET'
/** Shortest secret accepted, in characters: a short one would let masked keys be guessed by trying keys. */
export const MIN_SECRET_LENGTH = 32

/**
 * Turns a row's key into what results may show. With a secret, a masked key is `#` and 16 hex digits of
 * HMAC-SHA-256(secret, canonical key text): the same key gives the same mask in every run and on both sides, so
 * a DBA holding the secret can check whether a given key is among the reported ones, and nobody without it can
 * tell which key it is. Keys of a definition marked `key_sensitive: false` are shown in clear.
 */
export class KeyMasker {
  private constructor(
    private readonly secret: Buffer,
    /** True when the secret was made up for this process: masks then differ from run to run. */
    readonly ephemeral: boolean,
  ) {}

  /**
   * The masker of this installation: the secret from `RECONCILE_KEY_SECRET` (at least 32 characters), or, when
   * the variable is unset, a random secret for this process only, so that a run (and the demo) still works and
   * never shows a key; its masks cannot be compared across runs. A secret that is set but too short is an error.
   */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): KeyMasker {
    const value = env[KEY_SECRET_VARIABLE]
    if (value === undefined || value === '') return processMasker()
    if (value.length < MIN_SECRET_LENGTH) {
      throw new ReconcileError(
        'CONFIG_INVALID',
        `${KEY_SECRET_VARIABLE} is ${value.length} characters long; use at least ${MIN_SECRET_LENGTH} random characters, e.g. the output of "openssl rand -hex 32"`,
      )
    }
    return new KeyMasker(Buffer.from(value, 'utf8'), false)
  }

  /** A masker with a given secret (tests). */
  static withSecret(secret: string): KeyMasker {
    return new KeyMasker(Buffer.from(secret, 'utf8'), false)
  }

  /** @internal A masker with a random secret. */
  static random(): KeyMasker {
    return new KeyMasker(randomBytes(32), true)
  }

  /** The masked form of a canonical key text: `#` and 16 lower-case hex digits. */
  mask(canonicalKey: string): string {
    return `#${createHmac('sha256', this.secret).update(canonicalKey, 'utf8').digest('hex').slice(0, 16)}`
  }

  /** How a key appears in results: masked, or in clear when the definition says keys are not sensitive. */
  show(canonicalKey: string, sensitive: boolean): string {
    return sensitive ? this.mask(canonicalKey) : canonicalKey
  }
}

let perProcess: KeyMasker | undefined

function processMasker(): KeyMasker {
  perProcess ??= KeyMasker.random()
  return perProcess
}

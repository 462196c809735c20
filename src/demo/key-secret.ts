import { KEY_SECRET_VARIABLE } from '../results/key-mask.js'

/**
 * The demo's key-masking secret. DEMO ONLY: it is public (it is in this file), so masks made with it protect
 * nothing; it exists so that the demo's masked keys are the same in every run, as a real installation's are with
 * its own `RECONCILE_KEY_SECRET`. Never use it for real data.
 */
export const DEMO_KEY_SECRET = 'demo-only-key-secret-NOT-for-real-data-0123456789'

/**
 * Sets {@link DEMO_KEY_SECRET} as `RECONCILE_KEY_SECRET` in `env` unless a secret is already set there (a secret
 * of the user's own is kept). Returns the secret now in effect, and whether it is the demo's.
 */
export function useDemoKeySecret(env: NodeJS.ProcessEnv = process.env): { demo: boolean } {
  const current = env[KEY_SECRET_VARIABLE]
  if (current !== undefined && current !== '') return { demo: false }
  env[KEY_SECRET_VARIABLE] = DEMO_KEY_SECRET
  return { demo: true }
}

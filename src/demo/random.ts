/**
 * mulberry32: a tiny seeded pseudo-random generator. The same seed always gives the same sequence, so the demo
 * data and its faults are identical on every machine. Returns numbers in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A whole number in [0, n) from a generator made by {@link mulberry32}. */
export function randomInt(random: () => number, n: number): number {
  return Math.floor(random() * n)
}

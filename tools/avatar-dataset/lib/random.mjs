/**
 * Seeded pseudo-random numbers, so that a dataset depends only on its seed and image index.
 * Math.random cannot be seeded, and DiceBear's own generator is not part of its public API.
 */

/** Hashes a string to an unsigned 32-bit integer with FNV-1a. */
export function hashString(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * Returns a generator of floats in [0, 1) seeded by the hash of `seedText`
 * (the mulberry32 algorithm: a 32-bit counter passed through an integer mixing function).
 */
export function createRandom(seedText) {
  let state = hashString(seedText);
  return function nextFloat() {
    state = (state + 0x6d2b79f5) | 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns one element of `items`, each equally likely. */
export function pickUniform(random, items) {
  return items[Math.floor(random() * items.length)];
}

/** Returns true with probability `probability` (0 to 1). */
export function chance(random, probability) {
  return random() < probability;
}

/** Returns a key of `weights` (an object of non-negative numbers), chosen in proportion to its weight. */
export function pickWeighted(random, weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let threshold = random() * total;
  for (const [key, weight] of entries) {
    threshold -= weight;
    if (threshold < 0) {
      return key;
    }
  }
  return entries[entries.length - 1][0];
}

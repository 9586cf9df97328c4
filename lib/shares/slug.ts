// Share slugs: 12 characters of base62 from a cryptographic random source,
// about 71 bits, so links cannot be guessed or walked.
export const SLUG_LENGTH = 12;
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
// Older or longer slugs stay readable; only the length we mint is fixed.
const SLUG_PATTERN = /^[0-9A-Za-z]{10,32}$/;

export type RandomBytes = (n: number) => Uint8Array;

const cryptoRandom: RandomBytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));

export function makeSlug(random: RandomBytes = cryptoRandom, length = SLUG_LENGTH): string {
  let out = '';
  while (out.length < length) {
    for (const byte of random(length * 2)) {
      // 248 = 4 × 62: bytes above it would make the first letters likelier.
      if (byte >= 248) continue;
      out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text);
}

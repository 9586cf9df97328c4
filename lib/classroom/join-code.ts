// Join codes: 6 characters a class can read off a projector and type without
// asking "is that an O or a zero?". Pure: the caller supplies random bytes.

// No 0/O, 1/I/L, or U/V pairs that blur on a projector.
export const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTWXYZ23456789';
export const JOIN_CODE_LENGTH = 6;

// Bytes at or above this bound are dropped so every character is equally
// likely (256 is not a multiple of the alphabet's size).
const BOUND = 256 - (256 % JOIN_CODE_ALPHABET.length);

export function generateJoinCode(randomBytes: (n: number) => Uint8Array): string {
  let code = '';
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of randomBytes(JOIN_CODE_LENGTH * 2)) {
      if (b >= BOUND) continue;
      code += JOIN_CODE_ALPHABET[b % JOIN_CODE_ALPHABET.length];
      if (code.length === JOIN_CODE_LENGTH) break;
    }
  }
  return code;
}

// What a learner types: any case, spaces or a dash in the middle.
export function normalizeJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

// "ABC DEF" reads better aloud and from the back of a room.
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

// When two display names read the same. A classmate who types "Аlice" with
// a Cyrillic А, or "Ali\u00ADce" with a soft hyphen, must not sit on the
// roster as a second Alice: the instructor could not tell them apart, and
// learners would take each other's messages for the other's. Pure.
//
// Two names are the same when any of their keys is equal:
// - the folded key: invisible and format characters removed (Unicode Cf and
//   Default_Ignorable_Code_Point), NFKC (fullwidth, ligatures, composed vs
//   decomposed accents), case-folded, blanks collapsed, then the confusable
//   skeleton of Unicode TR39 (Cyrillic а, Greek ο → Latin a, o);
// - the cased key: the same without case folding, because some confusables
//   depend on case (capital I reads as small l, which folding would hide);
// - the capitals key: the cased key folded, for capitals of another script.
// The server's side only: the confusables table is 100 KB, pages never need it.
import unhomoglyph from 'unhomoglyph';
import { cleanName } from './messages';

// A nonspacing mark repeated on itself draws (almost) as one.
const REPEATED_MARK = /(\p{Mn})\1+/gu;

// Full case folding as far as JavaScript has it: upper then lower turns ß
// into ss, final sigma into sigma, dotless ı into i.
function fold(s: string): string {
  return s.toUpperCase().toLowerCase();
}

// TR39's skeleton: NFD, each character to its prototype, NFD again. The
// prototypes come from Unicode's confusables.txt (the unhomoglyph package).
export function skeleton(s: string): string {
  return unhomoglyph(s.normalize('NFD')).normalize('NFD').replace(REPEATED_MARK, '$1');
}

function normal(s: string): string {
  return cleanName(cleanName(s).normalize('NFKC'));
}

export interface NameKeys { folded: string; cased: string; capitals: string }

export function nameKeys(name: string): NameKeys {
  const n = normal(name);
  const cased = skeleton(n);
  // Capitals of another script ("ВОТ" in Cyrillic) read as Latin capitals,
  // whose small letters they are not: fold after the skeleton too.
  return { folded: skeleton(fold(n)), cased, capitals: skeleton(fold(cased)) };
}

function clash(x: NameKeys, y: NameKeys): boolean {
  return x.folded === y.folded || x.cased === y.cased || x.capitals === y.capitals;
}

/** True when the two names read the same on a roster. */
export function sameName(a: string, b: string): boolean {
  return clash(nameKeys(a), nameKeys(b));
}

/** The first of `taken` that reads the same as `name`, if any. */
export function clashingName(name: string, taken: Iterable<string>): string | null {
  const x = nameKeys(name);
  for (const other of taken) if (clash(x, nameKeys(other))) return other;
  return null;
}

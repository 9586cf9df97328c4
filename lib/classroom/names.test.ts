import { describe, expect, it } from 'vitest';
import { cleanName, DisplayName } from './messages';
import { clashingName, nameKeys, sameName, skeleton } from './names';

// Each pair reads the same on a roster, so the second may not join beside the first.
const same: [string, string, string][] = [
  ['Cyrillic а', 'Alice', 'Аlice'],
  ['Cyrillic а inside', 'alice', 'аlice'],
  ['Cyrillic е and о', 'Georg', 'Gеоrg'],
  ['Greek omicron', 'olga', 'οlga'],
  ['Greek capitals', 'ALICE', 'ΑLICE'],
  ['fullwidth letters', 'Alice', 'Ａｌｉｃｅ'],
  ['zero-width space', 'Alice', 'Ali\u200bce'],
  ['zero-width joiner', 'Alice', 'Al\u200dice'],
  ['zero-width non-joiner', 'Alice', 'A\u200clice'],
  ['word joiner and BOM', 'Alice', '\ufeffAli\u2060ce'],
  ['soft hyphen', 'Alice', 'Ali\u00adce'],
  ['combining grapheme joiner', 'Alice', 'Al\u034fice'],
  ['variation selector', 'Alice', 'Alice\ufe0f'],
  ['bidi marks', 'Alice', '\u202eAlice\u202c'],
  ['Hangul filler', 'Alice', 'Alice\u3164'],
  ['composed vs combining accent', 'Zoë', 'Zoe\u0308'],
  ['a combining mark stacked twice', 'José', 'Jose\u0301\u0301'],
  ['mixed case', 'alice', 'ALICE'],
  ['mixed case and Cyrillic', 'ALICE', 'аlice'],
  ['Cyrillic capitals', 'Bot 7', 'ВОТ 7'],
  ['capital I for small l', 'Alice', 'AIice'],
  ['digit one for small l', 'Alice', 'A1ice'],
  ['rn for m', 'Sam', 'Sarn'],
  ['ligature', 'fiona', 'ﬁona'],
  ['sharp s', 'Strauss', 'STRAUß'],
  ['ideographic space and braille blank', 'Ann Lee', 'Ann\u3000Lee\u2800'],
  ['non-breaking space', 'Ann Lee', 'Ann\u00a0Lee'],
  ['mathematical bold', 'Bob', '𝐁𝐨𝐛'],
];

// Different people who must both be able to join.
const different: [string, string, string][] = [
  ['another name', 'Alice', 'Alicia'],
  ['an accent is a letter', 'José', 'Jose'],
  ['a space between words', 'Ann Lee', 'AnnLee'],
  ['Chinese names', '李明', '李朋'],
  ['Cyrillic names', 'Ольга', 'Олег'],
  ['a number', 'Sam 1', 'Sam 2'],
];

describe('display names that read the same', () => {
  it.each(same)('%s: %s = %s', (_what, a, b) => {
    expect(sameName(a, b)).toBe(true);
    expect(sameName(b, a)).toBe(true);
  });

  it.each(different)('%s: %s ≠ %s', (_what, a, b) => {
    expect(sameName(a, b)).toBe(false);
  });

  it('names the roster entry a new name clashes with', () => {
    expect(clashingName('Аlice', ['Bob', 'alice', 'Carol'])).toBe('alice');
    expect(clashingName('Dave', ['Bob', 'alice', 'Carol'])).toBeNull();
  });

  it('is TR39\'s skeleton: NFD, prototypes, NFD', () => {
    expect(skeleton('Аlice')).toBe('Alice');
    expect(skeleton('m')).toBe('rn');
    expect(skeleton('é')).toBe('e\u0301');
    expect(nameKeys('ÀLICE')).toEqual({ folded: 'a\u0300lice', cased: 'A\u0300LlCE', capitals: 'a\u0300llce' });
  });
});

describe('display names as stored', () => {
  it.each([
    ['Ali\u200bce', 'Alice'],
    ['  Ann \u00ad Lee\u2060 ', 'Ann Lee'],
    ['\u202eecilA', 'ecilA'],
    ['Bob\u0007\tSmith', 'Bob Smith'],
    ['Zoe\u0308', 'Zoe\u0308'],
    ['李明', '李明'],
  ])('%j is kept as %j', (input, stored) => {
    expect(cleanName(input)).toBe(stored);
    expect(DisplayName.parse(input)).toBe(stored);
  });

  it('refuses a name of invisible characters only', () => {
    const r = DisplayName.safeParse('\u200b\u200d\u00ad\u2800');
    expect(r.success).toBe(false);
  });
});

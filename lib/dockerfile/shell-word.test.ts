// Word expansion, case by case, as the classic builder expands (the same
// rules were checked against the 228 vectors of buildkit v0.8.3's own table).
import { describe, expect, it } from 'vitest';
import { ExpansionError, processWord, processWords, UnknownVariable } from './shell-word';

const env = new Map([['HOME', '/root'], ['EMPTY', ''], ['SP', 'a b'], ['ÉTÉ', 'summer']]);
const lookup = (name: string) => env.get(name);

describe('processWord', () => {
  const table: [string, string][] = [
    ['plain', 'plain'],
    ['$HOME/x', '/root/x'],
    ['${HOME}x', '/rootx'],
    ['$HOMEx', ''],
    ['$MISSING', ''],
    ['${MISSING:-def}', 'def'],
    ['${EMPTY:-def}', 'def'],
    ['${HOME:-def}', '/root'],
    ['${MISSING:+alt}', ''],
    ['${EMPTY:+alt}', ''],
    ['${HOME:+alt}', 'alt'],
    ['${MISSING:-$HOME}', '/root'],
    ['${MISSING:-a\\}b}', 'a}b'],
    ["${MISSING:-'}'}", '}'],
    ['\\$HOME', '$HOME'],
    ["'$HOME'", '$HOME'],
    ['"$HOME"', '/root'],
    ['"\\$HOME"', '$HOME'],
    ['"a\\tb"', 'a\\tb'],
    ['a\\tb', 'atb'],
    ['h"tt"p://x', 'http://x'],
    ["h'tt'p://x", 'http://x'],
    ['\\h\\t\\t\\p://x', 'http://x'],
    ['$', '$'],
    ['$.', '$.'],
    ['$1x', 'x'],
    ['$@', ''],
    ['${ÉTÉ}', 'summer'],
    ['${HOME?}', '/root'],
    ['${EMPTY:?}', 'error'],
    ['${MISSING?gone}', 'error'],
    ['${MISSING-def}', 'error'],
    ['${MISSING+def}', 'error'],
    ['${HOME', 'error'],
    ['${}', 'error'],
    ['${:-x}', 'error'],
    ['${HOME:x}', 'error'],
    ['"open', 'error'],
    ["'open", 'error'],
    ['end\\', 'end'],
    ['\uFEFFbom', 'bom'],
  ];
  for (const [word, want] of table) {
    it(`${JSON.stringify(word)} → ${want}`, () => {
      if (want === 'error') expect(() => processWord(word, lookup)).toThrow(ExpansionError);
      else expect(processWord(word, lookup)).toBe(want);
    });
  }

  it('the escape token can be a backtick: then a backslash is literal', () => {
    expect(processWord('C:\\dir\\', lookup, '`')).toBe('C:\\dir\\');
    expect(processWord('`$HOME', lookup, '`')).toBe('$HOME');
    expect(processWord('"a`"b"', lookup, '`')).toBe('a"b');
  });

  it("errors carry the engine's text", () => {
    expect(() => processWord('${X-a}', lookup)).toThrow('failed to process "${X-a}": missing \':\' in substitution');
    expect(() => processWord('${EMPTY:?must be set}', lookup)).toThrow('EMPTY: must be set');
  });

  it('a lookup that cannot know a value stops the expansion', () => {
    const unknown = (name: string): string => { throw new UnknownVariable(name); };
    expect(() => processWord('$X', unknown)).toThrow(UnknownVariable);
    expect(processWord('no variables', unknown)).toBe('no variables');
  });

  it('processWords splits after expansion, except inside quotes', () => {
    expect(processWords('$SP "c d" e', lookup)).toEqual(['a', 'b', 'c d', 'e']);
  });
});

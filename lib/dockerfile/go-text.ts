// Text rules of the Go standard library that the engine's Dockerfile code
// relies on. JavaScript's own ideas of "space" and "line" differ from Go's
// (\s includes U+FEFF and leaves out U+0085; a lone \r ends a line), so the
// parser and the expansion use these instead.

/** Go's unicode.IsSpace. */
export function isGoSpace(ch: string): boolean {
  const c = ch.codePointAt(0) ?? -1;
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

/** Go's bytes.TrimLeftFunc(s, unicode.IsSpace). */
export function trimLeftGoSpace(s: string): string {
  let i = 0;
  while (i < s.length && isGoSpace(s[i])) i++;
  return s.slice(i);
}

/** Go's strings.TrimSpace. */
export function trimGoSpace(s: string): string {
  let end = s.length;
  while (end > 0 && isGoSpace(s[end - 1])) end--;
  return trimLeftGoSpace(s.slice(0, end));
}

/** The parser's reWhitespace: `[\t\v\f\r ]+` (ASCII only, unlike TrimSpace). */
export const GO_WHITESPACE_RUN = /[\t\v\f\r ]+/;

/** Go's regexp Split(s, n) for n = -1 (all) or n = 2 (at the first match). */
export function goSplit(s: string, re: RegExp, n: -1 | 2): string[] {
  const global = new RegExp(re.source, 'g');
  const out: string[] = [];
  let last = 0;
  for (const m of s.matchAll(global)) {
    if (n === 2 && out.length === 1) break;
    // Go drops an empty match at the very start; reWhitespace never matches empty.
    out.push(s.slice(last, m.index));
    last = m.index! + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

/** Lines as bufio.Scanner's ScanLines yields them: split at \n only, one
 *  trailing \r dropped from each, no empty last line after a final \n. */
export function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Go's unicode.IsLetter / unicode.IsDigit. */
export const isGoLetter = (ch: string): boolean => /^\p{L}$/u.test(ch);
export const isGoDigit = (ch: string): boolean => /^\p{Nd}$/u.test(ch);

/** UTF-8 length in bytes, as Go's len() counts a string. */
export function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

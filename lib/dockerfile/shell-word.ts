// Variable expansion in one word, as the classic builder does it: a port of
// ProcessWord in buildkit's frontend/dockerfile/shell (lex.go, as vendored in
// Engine 20.10). Quotes are removed, the escape token escapes, `$NAME`,
// `${NAME}`, `${NAME:-word}`, `${NAME:+word}`, `${NAME?msg}`, `${NAME:?msg}`
// are replaced; unset variables become empty; `${NAME-word}` and the like
// are errors in this version. Pure, no I/O.
import { isGoDigit, isGoLetter, isGoSpace } from './go-text';

/** The value of a variable, undefined when unset. May throw UnknownVariable. */
export type Lookup = (name: string) => string | undefined;

/** Thrown by a Lookup when the value cannot be known here (e.g. an ENV the
 *  base image may set): the caller refuses rather than guess. */
export class UnknownVariable extends Error {
  constructor(readonly variable: string) { super(`the value of ${variable} cannot be known before the build`); }
}

/** The engine's message for a word it cannot expand. */
export class ExpansionError extends Error {}

const EOF = '';

class Scanner {
  private readonly chars: string[];
  private pos = 0;
  constructor(word: string) {
    this.chars = [...word];
    // Go's text/scanner skips a byte order mark at the very start.
    if (this.chars[0] === '\uFEFF') this.pos = 1;
  }
  peek(): string { return this.chars[this.pos] ?? EOF; }
  next(): string { return this.chars[this.pos++] ?? EOF; }
}

/** Expand one word. Throws ExpansionError with the engine's text, or UnknownVariable. */
export function processWord(word: string, lookup: Lookup, escape = '\\'): string {
  const words: string[] = [];
  try {
    return new ShellWord(word, lookup, escape).processStopOn(EOF, words);
  } catch (e) {
    if (e instanceof ExpansionError) throw new ExpansionError(`failed to process ${JSON.stringify(word)}: ${e.message}`);
    throw e;
  }
}

/** ProcessWords: the expanded word split at unquoted whitespace (EXPOSE uses it). */
export function processWords(word: string, lookup: Lookup, escape = '\\'): string[] {
  const words: string[] = [];
  try {
    new ShellWord(word, lookup, escape).processStopOn(EOF, words);
    return words;
  } catch (e) {
    if (e instanceof ExpansionError) throw new ExpansionError(`failed to process ${JSON.stringify(word)}: ${e.message}`);
    throw e;
  }
}

class Words {
  word = '';
  inWord = false;
  constructor(private readonly out: string[]) {}
  addChar(ch: string) {
    if (isGoSpace(ch) && this.inWord) {
      if (this.word.length !== 0) { this.out.push(this.word); this.word = ''; this.inWord = false; }
    } else if (!isGoSpace(ch)) this.addRawChar(ch);
  }
  addRawChar(ch: string) { this.word += ch; this.inWord = true; }
  addString(s: string) { for (const ch of s) this.addChar(ch); }
  addRawString(s: string) { this.word += s; this.inWord = true; }
  finish() { if (this.word.length > 0) { this.out.push(this.word); this.word = ''; this.inWord = false; } }
}

class ShellWord {
  private readonly s: Scanner;
  constructor(word: string, private readonly lookup: Lookup, private readonly escape: string) {
    this.s = new Scanner(word);
  }

  processStopOn(stop: string, outWords: string[] = []): string {
    let result = '';
    const words = new Words(outWords);
    while (this.s.peek() !== EOF) {
      let ch = this.s.peek();
      if (stop !== EOF && ch === stop) {
        this.s.next();
        words.finish();
        return result;
      }
      if (ch === "'" || ch === '"' || ch === '$') {
        const tmp = ch === "'" ? this.singleQuote() : ch === '"' ? this.doubleQuote() : this.dollar();
        result += tmp;
        if (ch === '$') words.addString(tmp); else words.addRawString(tmp);
        continue;
      }
      ch = this.s.next();
      if (ch === this.escape) {
        // The escape token keeps the next character literal; at the end it goes.
        ch = this.s.next();
        if (ch === EOF) break;
        words.addRawChar(ch);
      } else {
        words.addChar(ch);
      }
      result += ch;
    }
    if (stop !== EOF) throw new ExpansionError(`unexpected end of statement while looking for matching ${stop}`);
    words.finish();
    return result;
  }

  private singleQuote(): string {
    let result = '';
    this.s.next();
    for (;;) {
      const ch = this.s.next();
      if (ch === EOF) throw new ExpansionError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") return result;
      result += ch;
    }
  }

  private doubleQuote(): string {
    let result = '';
    this.s.next();
    for (;;) {
      const peek = this.s.peek();
      if (peek === EOF) throw new ExpansionError('unexpected end of statement while looking for matching double-quote');
      if (peek === '"') { this.s.next(); return result; }
      if (peek === '$') { result += this.dollar(); continue; }
      let ch = this.s.next();
      if (ch === this.escape) {
        const after = this.s.peek();
        if (after === EOF) continue;
        // Only ", $ and the escape token itself are escaped inside double quotes.
        if (after === '"' || after === '$' || after === this.escape) ch = this.s.next();
      }
      result += ch;
    }
  }

  private get(name: string): string | undefined {
    return this.lookup(name);
  }

  private dollar(): string {
    this.s.next();
    if (this.s.peek() !== '{') {
      const name = this.name();
      if (name === '') return '$';
      return this.get(name) ?? '';
    }
    this.s.next();
    const first = this.s.peek();
    if (first === EOF) throw new ExpansionError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new ExpansionError('syntax error: bad substitution');
    const name = this.name();
    const ch = this.s.next();
    if (ch === '}') return this.get(name) ?? '';
    if (ch === '?') {
      const word = this.wordUntilBrace();
      const value = this.get(name);
      if (value === undefined) throw new ExpansionError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
      return value;
    }
    if (ch === ':') {
      const modifier = this.s.next();
      const word = this.wordUntilBrace();
      const value = this.get(name);
      switch (modifier) {
        case '+': return value !== undefined && value !== '' ? word : value ?? '';
        case '-': return value === undefined || value === '' ? word : value;
        case '?':
          if (value === undefined) throw new ExpansionError(`${name}: ${word !== '' ? word : 'is not allowed to be unset'}`);
          if (value === '') throw new ExpansionError(`${name}: ${word !== '' ? word : 'is not allowed to be empty'}`);
          return value;
        default: throw new ExpansionError(`unsupported modifier (${modifier === EOF ? '\uFFFD' : modifier}) in substitution`);
      }
    }
    throw new ExpansionError("missing ':' in substitution");
  }

  private wordUntilBrace(): string {
    try {
      return this.processStopOn('}');
    } catch (e) {
      if (e instanceof ExpansionError && this.s.peek() === EOF) throw new ExpansionError("syntax error: missing '}'");
      throw e;
    }
  }

  // A name: letters, digits and _; a leading digit takes only digits; a
  // special parameter ($@, $#, ...) is one character.
  private name(): string {
    let name = '';
    while (this.s.peek() !== EOF) {
      const ch = this.s.peek();
      if (name === '' && isGoDigit(ch)) {
        while (this.s.peek() !== EOF && isGoDigit(this.s.peek())) name += this.s.next();
        return name;
      }
      if (name === '' && '@*#?-$!0'.includes(ch)) return this.s.next();
      if (!isGoLetter(ch) && !isGoDigit(ch) && ch !== '_') break;
      name += this.s.next();
    }
    return name;
  }
}

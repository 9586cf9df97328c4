// The Dockerfile grammar as the engine reads it: a port of the parser that
// Engine 20.10's classic builder uses (moby/buildkit frontend/dockerfile/parser,
// as vendored in moby v20.10). Each instruction becomes a node with its
// lower-cased command, its flags, its arguments after the per-instruction
// rules, and the lines it covers. Pure, no I/O; runs in the browser too.
//
// Unlike the engine, which stops at the first error, this parser keeps going
// so the editor sees every instruction; each error carries the lines the
// engine would name.
import { GO_WHITESPACE_RUN, goSplit, isGoSpace, scanLines, trimGoSpace, trimLeftGoSpace, utf8Length } from './go-text';

export interface DockerfileNode {
  /** Lower-case command as written (`from`, `run`, `runn` for a typo). */
  cmd: string;
  /** The instruction's text, continuations joined; the engine prints it trimmed. */
  original: string;
  /** Flags before the arguments (`--from=x`), quotes already removed. */
  flags: string[];
  /** Arguments after the instruction's own rule (for ONBUILD: the trigger's command and its arguments). */
  args: string[];
  /** Written in JSON (exec) form. */
  json: boolean;
  /** ONBUILD's trigger instruction. */
  sub?: DockerfileNode;
  /** 1-based, inclusive. */
  line: number;
  endLine: number;
  /** An error the engine's parser reports for this instruction. */
  error?: string;
}

export interface ParseError { message: string; line: number; endLine: number }

export interface ParsedDockerfile {
  nodes: DockerfileNode[];
  escape: string;
  directives: { name: string; value: string; line: number }[];
  /** Errors outside any one instruction (directives, empty file, line length), in order. */
  errors: ParseError[];
  /** The engine's warnings (empty continuation lines). */
  warnings: string[];
}

// The engine matches `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` with Go's
// linear-time regexp (\s is [\t\n\f\r ] there). A backtracking engine takes
// quadratic time on that pattern for a long line of spaces, so it is read by
// hand, with the same result: the value is the rest without its trailing
// spaces, and when nothing but spaces follows the =, the last of them.
const isDirectiveSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\f' || ch === '\r';
export function matchDirective(line: string): [name: string, value: string] | undefined {
  if (!line.startsWith('#')) return undefined;
  let i = 1;
  while (i < line.length && isDirectiveSpace(line[i])) i++;
  const nameStart = i;
  if (!/[a-zA-Z]/.test(line[i] ?? '')) return undefined;
  while (i < line.length && /[a-zA-Z0-9]/.test(line[i])) i++;
  const name = line.slice(nameStart, i);
  while (i < line.length && isDirectiveSpace(line[i])) i++;
  if (line[i] !== '=') return undefined;
  i++;
  const spacesStart = i;
  while (i < line.length && isDirectiveSpace(line[i])) i++;
  let end = line.length;
  while (end > i && isDirectiveSpace(line[end - 1])) end--;
  if (end > i) return [name, line.slice(i, end)];
  return i > spacesStart ? [name, line[i - 1]] : undefined;
}
const MAX_LINE_BYTES = 64 * 1024;

class Directives {
  escape = '\\';
  continuation = continuationRegex('\\');
  done = false;
  seen = new Set<string>();
  found: { name: string; value: string; line: number }[] = [];

  /** Throws the engine's message for a bad or repeated directive. */
  consider(line: string, lineNo: number): void {
    if (this.done) return;
    const m = matchDirective(line);
    const key = m?.[0].toLowerCase();
    if (!m || (key !== 'escape' && key !== 'syntax')) { this.done = true; return; }
    if (this.seen.has(key)) throw new Error(`only one ${key} parser directive can be used`);
    this.seen.add(key);
    this.found.push({ name: key, value: m[1], line: lineNo });
    if (key === 'escape') {
      if (m[1] !== '`' && m[1] !== '\\') throw new Error(`invalid escape token '${m[1]}' does not match \` or \\`);
      this.escape = m[1];
      this.continuation = continuationRegex(m[1]);
    }
  }
}

// The escape token as the last non-blank character continues the line,
// unless an escape token precedes it (or it stands alone on its line).
function continuationRegex(escape: string): RegExp {
  const e = escape === '\\' ? '\\\\' : escape;
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

const isCommentLine = (raw: string) => trimLeftGoSpace(raw).startsWith('#');
// The engine strips a line that starts with # (after the left trim, when there is one).
const stripComment = (s: string) => (s.startsWith('#') ? '' : s);

function trimContinuation(line: string, d: Directives): [string, boolean] {
  if (d.continuation.test(line)) return [line.replace(d.continuation, '$1'), false];
  return [line, true];
}

export function parseDockerfileText(text: string): ParsedDockerfile {
  const d = new Directives();
  const lines = scanLines(text);
  const nodes: DockerfileNode[] = [];
  const errors: ParseError[] = [];
  const warnings: string[] = [];
  let i = 0;

  const next = (first: boolean): string | undefined => {
    if (i >= lines.length) return undefined;
    let raw = lines[i];
    const lineNo = ++i;
    if (lineNo === 1 && raw.startsWith('\uFEFF')) raw = raw.slice(1);
    if (raw.length * 3 >= MAX_LINE_BYTES && utf8Length(raw) >= MAX_LINE_BYTES) {
      errors.push({ message: `dockerfile line greater than max allowed size of ${MAX_LINE_BYTES - 1}`, line: lineNo, endLine: lineNo });
    }
    const token = first ? trimLeftGoSpace(raw) : raw;
    try { d.consider(token, lineNo); } catch (e) { errors.push({ message: (e as Error).message, line: lineNo, endLine: lineNo }); }
    return raw;
  };

  while (i < lines.length) {
    const raw = next(true)!;
    const startLine = i;
    let [line, isEnd] = trimContinuation(stripComment(trimLeftGoSpace(raw)), d);
    if (isEnd && line === '') continue;
    let emptyContinuation = false;
    while (!isEnd && i < lines.length) {
      const cont = next(false)!;
      if (isCommentLine(cont)) continue;
      const stripped = stripComment(cont);
      if (trimLeftGoSpace(stripped) === '') { emptyContinuation = true; continue; }
      let piece: string;
      [piece, isEnd] = trimContinuation(stripped, d);
      line += piece;
    }
    if (emptyContinuation) warnings.push(`[WARNING]: Empty continuation line found in:\n    ${line}`);
    nodes.push(nodeFromLine(line, d.escape, startLine, i));
  }
  if (warnings.length > 0) warnings.push('[WARNING]: Empty continuation lines will become errors in a future release.');
  if (nodes.length === 0) errors.push({ message: 'file with no instructions', line: Math.max(i, 1), endLine: Math.max(i, 1) });
  return { nodes, escape: d.escape, directives: d.found, errors, warnings };
}

/** One instruction's text (already joined) as the engine splits and parses it. */
export function nodeFromLine(line: string, escape: string, startLine: number, endLine: number): DockerfileNode {
  const [cmdWord, rest] = goSplit(trimGoSpace(line), GO_WHITESPACE_RUN, 2);
  const cmd = cmdWord.toLowerCase();
  const node: DockerfileNode = { cmd, original: line, flags: [], args: [], json: false, line: startLine, endLine };
  if (/[^\x00-\x7f]/.test(cmdWord)) {
    // Go lower-cases with Unicode tables (a Kelvin sign becomes k): say so rather than guess.
    node.error = `the instruction name "${cmdWord}" has letters outside ASCII; write it in plain letters`;
    return node;
  }
  let args = '';
  if (rest !== undefined) {
    const extracted = extractBuilderFlags(rest);
    node.flags = extracted.flags;
    args = trimGoSpace(extracted.rest);
    if (extracted.nonAscii) {
      node.error = 'flags with characters outside ASCII are read byte by byte by the engine; write them in plain ASCII';
      return node;
    }
  }
  try {
    parseArguments(node, args, escape);
  } catch (e) {
    node.error = (e as Error).message;
  }
  return node;
}

// The classic parser takes words starting with `--` off the front of the
// arguments; quotes group, a backslash escapes the next character (always a
// backslash here, whatever the escape directive says), `--` alone ends them.
// Go reads this byte by byte, so anything outside ASCII is flagged for refusal.
function extractBuilderFlags(line: string): { rest: string; flags: string[]; nonAscii: boolean } {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  let nonAscii = false;
  for (let pos = 0; pos <= line.length; pos++) {
    let ch = pos < line.length ? line[pos] : '';
    if (phase === 'spaces') {
      if (pos === line.length) break;
      // A UTF-8 lead byte is neither a space nor '-': Go stops here too.
      if (ch > '\x7f') return { rest: line.slice(pos), flags: words, nonAscii };
      if (isGoSpace(ch)) continue;
      if (ch !== '-' || pos + 1 === line.length || line[pos + 1] !== '-') return { rest: line.slice(pos), flags: words, nonAscii };
      phase = 'word';
    }
    if (pos === line.length) {
      if (word !== '--' && (blankOK || word.length > 0)) words.push(word);
      break;
    }
    if (ch > '\x7f') nonAscii = true;
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (word === '--') return { rest: line.slice(pos), flags: words, nonAscii };
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; continue; }
      if (ch === '\\') {
        if (pos + 1 === line.length) continue;
        ch = line[++pos];
        if (ch > '\x7f') nonAscii = true;
      }
      word += ch;
      continue;
    }
    // in a quote
    if (ch === quote) { phase = 'word'; continue; }
    if (ch === '\\') {
      if (pos + 1 === line.length) { phase = 'word'; continue; }
      ch = line[++pos];
      if (ch > '\x7f') nonAscii = true;
    }
    word += ch;
  }
  return { rest: '', flags: words, nonAscii };
}

function parseArguments(node: DockerfileNode, rest: string, escape: string): void {
  switch (node.cmd) {
    case 'add': case 'copy': case 'volume': return maybeJSONToList(node, rest);
    case 'arg': node.args = parseWords(rest, escape); return;
    case 'cmd': case 'entrypoint': case 'run': case 'shell': return maybeJSON(node, rest);
    case 'env': node.args = nameVal(rest, 'ENV', escape); return;
    case 'label': node.args = nameVal(rest, 'LABEL', escape); return;
    case 'expose': case 'from': node.args = whitespaceDelimited(rest); return;
    case 'healthcheck': return healthConfig(node, rest);
    case 'maintainer': case 'stopsignal': case 'user': case 'workdir': node.args = rest === '' ? [] : [rest]; return;
    case 'onbuild': {
      if (rest === '') return;
      const sub = nodeFromLine(rest, escape, node.line, node.endLine);
      node.sub = sub;
      node.json = false;
      // The engine lists the trigger's command first, then its arguments.
      node.args = [sub.cmd, ...sub.args];
      if (sub.error) throw new Error(sub.error);
      return;
    }
    default:
      // Unknown instructions parse (their error comes from the instructions layer).
      node.args = [''];
  }
}

// Words split on whitespace; quotes are kept (the expansion removes them
// later), the escape token keeps the next character with it.
export function parseWords(rest: string, escape: string): string[] {
  const words: string[] = [];
  let phase: 'spaces' | 'word' | 'quote' = 'spaces';
  let word = '';
  let quote = '';
  let blankOK = false;
  for (let pos = 0; pos <= rest.length; pos++) {
    let ch = pos < rest.length ? rest[pos] : '';
    if (phase === 'spaces') {
      if (pos === rest.length) break;
      if (isGoSpace(ch)) continue;
      phase = 'word';
    }
    if (pos === rest.length) {
      if (blankOK || word.length > 0) words.push(word);
      break;
    }
    if (phase === 'word') {
      if (isGoSpace(ch)) {
        phase = 'spaces';
        if (blankOK || word.length > 0) words.push(word);
        word = '';
        blankOK = false;
        continue;
      }
      if (ch === "'" || ch === '"') { quote = ch; blankOK = true; phase = 'quote'; }
      if (ch === escape) {
        if (pos + 1 === rest.length) continue;
        word += ch;
        ch = rest[++pos];
      }
      word += ch;
      continue;
    }
    if (ch === quote) phase = 'word';
    if (ch === escape && quote !== "'") {
      if (pos + 1 === rest.length) { phase = 'word'; continue; }
      word += ch;
      ch = rest[++pos];
    }
    word += ch;
  }
  return words;
}

// ENV and LABEL: `KEY value` (old form, the rest taken as written) or
// `k=v k2=v2` (each word split at its first =); quotes stay for the expansion.
function nameVal(rest: string, key: string, escape: string): string[] {
  const words = parseWords(rest, escape);
  if (words.length === 0) return [];
  if (!words[0].includes('=')) {
    const parts = goSplit(rest, GO_WHITESPACE_RUN, 2);
    if (parts.length < 2) throw new Error(`${key} must have two arguments`);
    return [parts[0], parts[1]];
  }
  const out: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq < 0) throw new Error(`Syntax error - can't find = in ${goQuote(word)}. Must be of the form: name=value`);
    out.push(word.slice(0, eq), word.slice(eq + 1));
  }
  return out;
}

function whitespaceDelimited(rest: string): string[] {
  return rest === '' ? [] : goSplit(rest, GO_WHITESPACE_RUN, -1);
}

const NOT_STRINGS = 'when using JSON array syntax, arrays must be comprised of strings only';

// Go decodes the first JSON value and ignores whatever follows it.
function parseJSON(rest: string): string[] | Error {
  const text = trimLeftGoSpace(rest);
  if (!text.startsWith('[')) return new Error(`Error parsing "${text}" as a JSON array`);
  const end = endOfJSONValue(text);
  if (end < 0) return new Error('unexpected end of JSON input');
  let value: unknown;
  try { value = JSON.parse(text.slice(0, end)); } catch (e) { return e as Error; }
  if (!Array.isArray(value)) return new Error('not an array');
  if (!value.every((v) => typeof v === 'string')) throw new Error(NOT_STRINGS);
  // Go turns lone surrogates into U+FFFD; JSON.parse keeps them.
  return (value as string[]).map((s) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));
}

// Index just past the first complete JSON value (an array here), or -1.
function endOfJSONValue(text: string): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') { if (--depth === 0) return i + 1; }
  }
  return -1;
}

function maybeJSON(node: DockerfileNode, rest: string): void {
  if (rest === '') return;
  const parsed = parseJSON(rest);
  if (Array.isArray(parsed)) { node.args = parsed; node.json = true; return; }
  node.args = [rest];
}

function maybeJSONToList(node: DockerfileNode, rest: string): void {
  const parsed = parseJSON(rest);
  if (Array.isArray(parsed)) { node.args = parsed; node.json = true; return; }
  node.args = whitespaceDelimited(rest);
}

// HEALTHCHECK: a type word, then a command like CMD's. Go scans bytes here;
// only ASCII spaces separate the type for anything a learner would write.
function healthConfig(node: DockerfileNode, rest: string): void {
  let sep = 0;
  while (sep < rest.length && !isGoSpace(rest[sep])) sep++;
  let next = sep;
  while (next < rest.length && isGoSpace(rest[next])) next++;
  if (sep === 0) return;
  const sub: DockerfileNode = { ...node, args: [] };
  maybeJSON(sub, rest.slice(next));
  node.args = [rest.slice(0, sep), ...sub.args];
  node.json = sub.json;
}

/** Go's %q for the plain strings these messages quote. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

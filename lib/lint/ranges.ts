// Converts positions from dockerfile-ast (0-based) and from text offsets into
// the 1-based line/column span a LintFinding carries.
import type { Range } from 'vscode-languageserver-types';
import type { DockerfileSource } from './source';

export interface Span { line: number; endLine: number; startColumn: number; endColumn: number; }

export function spanOfRange(range: Range): Span {
  return {
    line: range.start.line + 1, startColumn: range.start.character + 1,
    endLine: range.end.line + 1, endColumn: range.end.character + 1,
  };
}

export function spanOfOffsets(src: DockerfileSource, start: number, end: number): Span {
  const a = src.position(start);
  const b = src.position(end);
  return { line: a.line, startColumn: a.column, endLine: b.line, endColumn: b.column };
}

/** The whole text of one line with `insert` put in at a 1-based column range. */
export function spliceLine(line: string, startColumn: number, endColumn: number, insert: string): string {
  return line.slice(0, startColumn - 1) + insert + line.slice(endColumn - 1);
}

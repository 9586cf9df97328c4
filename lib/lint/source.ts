// One parsed view of the Dockerfile that every lint rule reads: instructions
// from dockerfile-ast with 1-based lines, the stage they belong to, and the
// shell command of RUN written in shell form with its position in the text.
import { DockerfileParser, type Instruction } from 'dockerfile-ast';

export interface SourceInstruction {
  node: Instruction;
  keyword: string;          // upper-case
  line: number;             // 1-based first line
  endLine: number;          // 1-based last line
  stage: number;            // -1 before the first FROM
  /** Shell-form command text of RUN (raw, continuations kept), else null. */
  shell: { text: string; offset: number } | null;
  hasFlags: boolean;
}

export interface DockerfileSource {
  text: string;
  lines: string[];
  instructions: SourceInstruction[];
  /** 1-based line and column of a character offset into `text`. */
  position(offset: number): { line: number; column: number };
  /** Character offset of a 0-based dockerfile-ast position. */
  offset(line0: number, character: number): number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function isExecForm(node: Instruction): boolean {
  const opening = (node as unknown as { getOpeningBracket?: () => unknown }).getOpeningBracket;
  return typeof opening === 'function' && opening.call(node) !== null;
}

function flagsOf(node: Instruction): unknown[] {
  const get = (node as unknown as { getFlags?: () => unknown[] }).getFlags;
  return typeof get === 'function' ? get.call(node) : [];
}

export function readSource(text: string): DockerfileSource {
  const starts = lineStarts(text);
  const offsetOf = (line0: number, character: number) => (starts[line0] ?? text.length) + character;
  const position = (offset: number) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };

  const ast = DockerfileParser.parse(text);
  const instructions: SourceInstruction[] = [];
  let stage = -1;
  for (const node of ast.getInstructions()) {
    const keyword = node.getKeyword().toUpperCase();
    if (keyword === 'FROM') stage++;
    const range = node.getRange();
    const flags = flagsOf(node);
    let shell: SourceInstruction['shell'] = null;
    if (keyword === 'RUN' && !isExecForm(node)) {
      const args = node.getArguments();
      if (args.length) {
        // Start at the first argument so RUN flags are not read as the command.
        const start = offsetOf(args[0].getRange().start.line, args[0].getRange().start.character);
        const end = offsetOf(range.end.line, range.end.character);
        shell = { text: text.slice(start, end), offset: start };
      }
    }
    instructions.push({
      node, keyword, stage, shell, hasFlags: flags.length > 0,
      line: range.start.line + 1, endLine: range.end.line + 1,
    });
  }
  return { text, lines: text.split(/\r?\n/), instructions, position, offset: offsetOf };
}

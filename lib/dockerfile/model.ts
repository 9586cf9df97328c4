// The Dockerfile as the classic builder sees it: instructions with their line
// ranges, stage and the "Step N/M" number the engine will print for them.
// dockerfile-ast does the parsing; this module only numbers and labels.
//
// Step numbering, as recorded from Engine 20.10 (lib/build-stream/fixtures):
// every instruction is one step, ARGs before the first FROM included (they
// print a Step line but no layer), ONBUILD counts once, comments, blank lines
// and parser directives count nothing, and a multi-line instruction is one step.
import { DockerfileParser } from 'dockerfile-ast';
import type { Instruction } from 'dockerfile-ast';

export interface DockerfileInstruction {
  keyword: string;      // upper-case: FROM, RUN, COPY, ARG, ...
  args: string;         // the instruction's arguments as written (continuations joined)
  line: number;         // first line, 1-based
  endLine: number;      // last line (multi-line instructions with `\`)
  stage: number;        // 0-based stage index; -1 for ARGs before the first FROM
  step: number;         // 1-based step number as the classic builder counts "Step N/M"
}
export interface DockerfileStage { index: number; name?: string; from: string; line: number; }
export interface DockerfileModel {
  instructions: DockerfileInstruction[];
  stages: DockerfileStage[];
  baseImages: string[];   // FROM references that are not earlier stage names (ARG defaults substituted where possible); 'scratch' included if used
  directives: { name: string; value: string }[]; // parser directives (# syntax=, # escape=)
}

export function parseDockerfile(text: string): DockerfileModel {
  const ast = DockerfileParser.parse(text);
  const escape = ast.getEscapeCharacter();
  const metaArgs = new Map<string, string>();
  for (const arg of ast.getInitialARGs()) {
    const property = arg.getProperty();
    const value = property?.getValue();
    if (property && value !== null && value !== undefined) metaArgs.set(property.getName(), value);
  }

  const instructions: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  const baseImages: string[] = [];
  const stageNames = new Set<string>();
  let stage = -1;

  for (const ins of ast.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const range = ins.getRange();
    const line = range.start.line + 1;
    const args = argumentsAsWritten(text, ins, escape);
    if (keyword === 'FROM') {
      stage++;
      const { image, name } = splitFrom(args);
      const from = substituteArgs(image, metaArgs);
      stages.push({ index: stage, ...(name ? { name } : {}), from, line });
      // Stage names are matched case-insensitively by the engine.
      if (!stageNames.has(from.toLowerCase()) && from && !baseImages.includes(from)) baseImages.push(from);
      if (name) stageNames.add(name.toLowerCase());
    }
    instructions.push({ keyword, args, line, endLine: range.end.line + 1, stage, step: instructions.length + 1 });
  }

  const directives = ast.getDirectives().map((d) => ({ name: d.getName().toLowerCase(), value: d.getValue() }));
  return { instructions, stages, baseImages, directives };
}

/** The instruction the engine reports as "Step <step>/M", if the model has it. */
export function instructionAtStep(model: DockerfileModel, step: number): DockerfileInstruction | undefined {
  return model.instructions[step - 1]?.step === step ? model.instructions[step - 1] : model.instructions.find((i) => i.step === step);
}

/** The instruction covering a 1-based editor line, e.g. to highlight its layer. */
export function instructionAtLine(model: DockerfileModel, line: number): DockerfileInstruction | undefined {
  return model.instructions.find((i) => line >= i.line && line <= i.endLine);
}

/** The instructions of the stage that becomes the image (the last one). */
export function finalStageInstructions(model: DockerfileModel): DockerfileInstruction[] {
  const last = model.stages.length - 1;
  return model.instructions.filter((i) => i.stage === last && last >= 0);
}

// dockerfile-ast leaves flags such as `--from=builder` out of an instruction's
// arguments; the builder prints them, so we take the instruction's own text
// after the keyword and join continuation lines the way the engine does:
// the escape and newline go, comment and empty lines inside are dropped.
function argumentsAsWritten(text: string, ins: Instruction, escape: string): string {
  const lines = text.split(/\r?\n|\r/);
  const range = ins.getRange();
  const keywordEnd = ins.getInstructionRange().end;
  let joined = '';
  for (let n = range.start.line; n <= range.end.line; n++) {
    let content = lines[n] ?? '';
    if (n === range.start.line) content = content.slice(keywordEnd.character);
    else if (content.trim() === '' || content.trimStart().startsWith('#')) continue;
    if (n === range.end.line) content = content.slice(0, n === range.start.line ? range.end.character - keywordEnd.character : range.end.character);
    const trailing = content.trimEnd();
    if (n < range.end.line && trailing.endsWith(escape)) content = trailing.slice(0, -escape.length);
    joined += content;
  }
  return joined.trim();
}

function splitFrom(args: string): { image: string; name?: string } {
  const words = args.split(/\s+/).filter((w) => w !== '' && !w.startsWith('--'));
  const as = words.findIndex((w) => w.toLowerCase() === 'as');
  return { image: words[0] ?? '', ...(as > 0 && words[as + 1] ? { name: words[as + 1] } : {}) };
}

// FROM may use ARGs declared before the first FROM; only their defaults are
// known here (build args are not), and ${VAR:-word} / ${VAR:+word} follow the
// shell rules the engine implements.
function substituteArgs(value: string, args: Map<string, string>): string {
  return value.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))/g,
    (whole, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare ?? '';
      const known = args.has(name);
      const current = args.get(name) ?? '';
      if (op === '-') return known && current !== '' ? current : word ?? '';
      if (op === '+') return known && current !== '' ? word ?? '' : '';
      return known ? current : whole;
    });
}

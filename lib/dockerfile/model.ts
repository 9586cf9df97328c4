// The Dockerfile as the classic builder sees it: instructions with their line
// ranges, stage and the "Step N/M" number the engine will print for them.
// The engine's own grammar (./parser) does the parsing, the same reading the
// policy and the build use (./interpret); this module only numbers and labels.
//
// Step numbering, as recorded from Engine 20.10 (lib/build-stream/fixtures):
// every instruction is one step, ARGs before the first FROM included (they
// print a Step line but no layer), ONBUILD counts once, comments, blank lines
// and parser directives count nothing, and a multi-line instruction is one step.
import { BuildArgs } from './build-args';
import { GO_WHITESPACE_RUN, goSplit } from './go-text';
import { sourceCode } from './instructions';
import { parseDockerfileText } from './parser';
import { ExpansionError, processWord } from './shell-word';

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
  const parsed = parseDockerfileText(text);
  // FROM sees the defaults of the ARGs before the first FROM (build args are
  // not known here); the expansion is the engine's.
  const metaArgs = new BuildArgs({});
  const instructions: DockerfileInstruction[] = [];
  const stages: DockerfileStage[] = [];
  const baseImages: string[] = [];
  const stageNames = new Set<string>();
  let stage = -1;

  for (const node of parsed.nodes) {
    const keyword = node.cmd.toUpperCase();
    // The step text the engine prints is the joined line, trimmed; the
    // arguments are what follows the keyword in it.
    const args = goSplit(sourceCode(node), GO_WHITESPACE_RUN, 2)[1] ?? '';
    const line = node.line;
    if (keyword === 'ARG' && stage < 0 && !node.error) {
      for (const word of node.args) {
        const eq = word.indexOf('=');
        const key = eq < 0 ? word : word.slice(0, eq);
        const value = eq < 0 ? undefined : expandOr(word.slice(eq + 1), metaArgs, parsed.escape, undefined);
        if (key) { metaArgs.addArg(key, value); metaArgs.addMetaArg(key, value); }
      }
    }
    if (keyword === 'FROM') {
      stage++;
      const image = node.args[0] ?? '';
      const name = node.args.length === 3 && node.args[1].toLowerCase() === 'as' ? node.args[2] : undefined;
      // An unset variable leaves the reference as written rather than empty.
      const expanded = image.includes('$') ? expandOr(image, metaArgs, parsed.escape, image) : image;
      const from = expanded === '' ? image : expanded ?? image;
      stages.push({ index: stage, ...(name ? { name } : {}), from, line });
      // Stage names are matched case-insensitively by the engine.
      if (!stageNames.has(from.toLowerCase()) && from && !baseImages.includes(from)) baseImages.push(from);
      if (name) stageNames.add(name.toLowerCase());
    }
    instructions.push({ keyword, args, line, endLine: node.endLine, stage, step: instructions.length + 1 });
  }

  const directives = parsed.directives.map((d) => ({ name: d.name, value: d.value }));
  return { instructions, stages, baseImages, directives };
}

function expandOr<T>(word: string, args: BuildArgs, escape: string, fallback: T): string | T {
  try {
    return processWord(word, (name) => { const v = args.metaValue(name); return typeof v === 'string' ? v : undefined; }, escape);
  } catch (e) {
    if (e instanceof ExpansionError) return fallback;
    throw e;
  }
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

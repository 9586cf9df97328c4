// Which Dockerfile line made each layer of a built image, so hovering a layer
// can light up its line and the reverse.
//
// The classic builder writes one history entry per instruction of the final
// stage (FROM excepted; metadata steps too, as empty layers), on top of the
// base image's own entries, and the server's build labels add one LABEL entry
// on top. The texts differ in form from the Dockerfile (quotes dropped, COPY
// shown as `file:<sum> in <dest>`, ENV values expanded), so entries and
// instructions are aligned in order, preferring entries whose text agrees
// over those where only the instruction keyword does.
import { parseCreatedBy } from '../world/instructions';
import type { DockerfileInstruction, DockerfileModel } from './model';

const STRONG = 3;
const WEAK = 1;

export function matchHistoryToDockerfile(history: { createdBy: string }[] /* base first */, model: DockerfileModel): (number | undefined)[] {
  const result: (number | undefined)[] = history.map(() => undefined);
  const instructions = imageInstructions(model).reverse(); // newest first
  const entries = history.map((h, i) => ({ at: i, parsed: parseCreatedBy(h.createdBy) })).reverse(); // top first
  const H = entries.length;
  const K = instructions.length;
  if (H === 0 || K === 0) return result;

  const score = (i: number, j: number): number => {
    const parsed = entries[i].parsed;
    const ins = instructions[j];
    if (!parsed || parsed.instruction !== ins.keyword) return 0;
    return sameText(ins, parsed.text) ? STRONG : WEAK;
  };

  // best[i][j]: the best alignment of entries i.. with instructions j..
  const best: number[][] = Array.from({ length: H + 1 }, () => new Array<number>(K + 1).fill(0));
  for (let i = H - 1; i >= 0; i--) {
    for (let j = K - 1; j >= 0; j--) {
      const s = score(i, j);
      best[i][j] = Math.max(best[i + 1][j], best[i][j + 1], s > 0 ? s + best[i + 1][j + 1] : 0);
    }
  }
  // Walk from the top, taking a match as early as the best total allows, so
  // instructions land on the image's own entries and not on look-alikes in
  // the base image below them.
  let i = 0;
  let j = 0;
  while (i < H && j < K) {
    const s = score(i, j);
    if (s > 0 && best[i][j] === s + best[i + 1][j + 1]) {
      result[entries[i].at] = instructions[j].line;
      i++; j++;
    } else if (best[i][j] === best[i + 1][j]) {
      i++;
    } else {
      j++;
    }
  }
  return result;
}

// The instructions whose layers the final image carries: its own stage's,
// after those of the earlier stages it is built FROM (`FROM builder`).
function imageInstructions(model: DockerfileModel): DockerfileInstruction[] {
  const chain: number[] = [];
  let stage = model.stages.length - 1;
  while (stage >= 0 && !chain.includes(stage)) {
    chain.unshift(stage);
    const from = model.stages[stage].from.toLowerCase();
    stage = model.stages.findIndex((s, k) => k < stage && s.name?.toLowerCase() === from);
  }
  return model.instructions.filter((i) => chain.includes(i.stage) && i.keyword !== 'FROM');
}

function sameText(ins: DockerfileInstruction, historyText: string): boolean {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    const dest = / in (\S+)\s*$/.exec(historyText)?.[1];
    const words = execForm(ins.args) ?? ins.args.split(/\s+/).filter((w) => !w.startsWith('--'));
    return dest !== undefined && normalise(words[words.length - 1] ?? '') === normalise(dest);
  }
  const args = ins.keyword === 'RUN' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT'
    ? (execForm(ins.args)?.join(' ') ?? ins.args)
    : ins.args;
  return normalise(args) === normalise(historyText);
}

function execForm(args: string): string[] | undefined {
  if (!args.trim().startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(args);
    return Array.isArray(parsed) && parsed.every((p) => typeof p === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

// History drops quotes and JSON commas and collapses what the builder joined.
function normalise(s: string): string {
  return s.replace(/["']/g, '').replace(/[,[\]]/g, ' ').replace(/\s+/g, ' ').trim();
}

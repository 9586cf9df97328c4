// Turns the classic builder's JSON-lines stream (Engine API POST /build) into
// the build events of DESIGN §4. The engine's own bookkeeping lines become
// step / container / layer events; everything a step printed becomes output.
//
// What the engine really sends (fixtures recorded from Engine 20.10 beside
// this file):
// - "Step N/M : INSTR" arrives without its newline; the "\n" follows alone.
// - Every step but COPY/ADD, ARGs before FROM and FROM prints
//   " ---> Running in <12 hex>" (metadata steps too: the builder commits a
//   container that never starts) and later "Removing intermediate container".
// - " ---> <12 hex>" is the committed image, printed short; the full id comes
//   only in {"aux":{"ID"}}, once per finished stage, so layer events keep the
//   short id the engine printed and `done` carries the last aux id.
// - Each build label (the `labels` query) adds a LABEL step of its own after
//   the Dockerfile's, sorted by key, so M counts them. Steps beyond the model
//   are the builder's own and are not reported; `total` counts the
//   Dockerfile's steps. Hence the model must be of the Dockerfile sent (or of
//   the learner's text when the server only rewrote names in it).
// - stderr of a step comes wrapped in ESC[91m … ESC[0m.
// - A Dockerfile the engine cannot parse is refused with {"message"} (HTTP
//   400), before any step.
import type { BuildEvent } from '../protocol';
import { instructionAtLine, instructionAtStep, type DockerfileInstruction, type DockerfileModel } from '../dockerfile/model';

export interface BuildStreamParser {
  push(message: unknown): BuildEvent[];
  end(): BuildEvent[];
  /** The image the engine said it built, once it has said so (full id when it gave one). */
  built(): string | null;
}

const STEP = /^Step (\d+)\/(\d+) : ?([\s\S]*)$/;
const RUNNING_IN = /^ ---> Running in ([0-9a-f]{12,64})$/;
const USING_CACHE = /^ ---> Using cache$/;
const COMMITTED = /^ ---> ([0-9a-f]{12,64})$/;
const REMOVING = /^Removing intermediate container ([0-9a-f]{12,64})$/;
const BUILT = /^Successfully built ([0-9a-f]{12,64})$/;
const TAGGED = /^Successfully tagged (\S+)$/;
const PARSE_ERROR_LINE = /dockerfile parse error (?:on )?line (\d+)/i;
const STDERR_OPEN = '\u001b[91m';
const STDERR_CLOSE = '\u001b[0m';

interface CurrentStep { index: number; instruction?: DockerfileInstruction; cached: boolean }

export function createBuildStreamParser(model: DockerfileModel, options: { tag?: string | null } = {}): BuildStreamParser {
  const visibleSteps = model.instructions.length;
  let step: CurrentStep | null = null;
  // The container whose own output is streaming: until the builder removes
  // it, lines that look like bookkeeping were printed by the learner's step.
  let running: string | null = null;
  let lineBuffer = '';
  let builtId: string | null = null;
  let lastAuxId: string | null = null;
  let taggedAs: string | null = null;
  let finished = false;

  const visible = () => step !== null && step.instruction !== undefined;
  const outputIndex = () => (step === null ? 0 : step.index);

  function output(text: string, stderr: boolean, out: BuildEvent[]) {
    if (text === '' || (step !== null && !visible())) return;
    out.push(stderr ? { type: 'output', index: outputIndex(), text, stderr: true } : { type: 'output', index: outputIndex(), text });
  }

  function fail(message: string, out: BuildEvent[], extra: { code?: string; exitCode?: number; instruction?: DockerfileInstruction } = {}) {
    if (finished) return;
    finished = true;
    const at = extra.instruction ?? (visible() ? step!.instruction : undefined);
    out.push({
      type: 'error', message,
      ...(at ? { index: at.step, line: at.line } : {}),
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.exitCode !== undefined ? { exitCode: extra.exitCode } : {}),
    });
  }

  // One complete line the builder printed between containers.
  function bookkeeping(line: string, out: BuildEvent[]) {
    let m: RegExpExecArray | null;
    if ((m = STEP.exec(line))) {
      const index = Number(m[1]);
      const engineTotal = Number(m[2]);
      const instruction = index <= visibleSteps ? instructionAtStep(model, index) : undefined;
      step = { index, instruction, cached: false };
      if (!instruction) return;
      // The learner's own text: the server may have rewritten the Dockerfile
      // it sent (image names scoped to the session), and those names are
      // not the learner's business. The engine's text only when the model
      // disagrees about which instruction this is.
      const engineText = m[3].trim();
      const ownText = `${instruction.keyword} ${instruction.args}`.trim();
      const agrees = engineText === '' || engineText.split(/\s+/)[0].toUpperCase() === instruction.keyword;
      out.push({
        type: 'step', index, total: Math.min(engineTotal, visibleSteps),
        instruction: agrees ? ownText : engineText,
        line: instruction.line, endLine: instruction.endLine,
        ...(instruction.stage >= 0 ? { stage: instruction.stage } : {}),
      });
    } else if ((m = RUNNING_IN.exec(line))) {
      running = m[1];
      if (visible()) out.push({ type: 'container', index: step!.index, containerId: m[1] });
    } else if (USING_CACHE.test(line)) {
      if (step) step.cached = true;
    } else if ((m = COMMITTED.exec(line))) {
      if (visible()) out.push({ type: 'layer', index: step!.index, imageId: m[1], cached: step!.cached });
    } else if ((m = BUILT.exec(line))) {
      builtId = m[1];
    } else if ((m = TAGGED.exec(line))) {
      taggedAs = m[1];
    } else if (!REMOVING.test(line)) {
      output(`${line}\n`, false, out);
    }
  }

  function stream(text: string, out: BuildEvent[]) {
    if (text.startsWith(STDERR_OPEN)) {
      // The builder only colours what a step (or the builder's own warnings)
      // wrote to stderr; never bookkeeping.
      const inner = text.slice(STDERR_OPEN.length);
      output(inner.endsWith(STDERR_CLOSE) ? inner.slice(0, -STDERR_CLOSE.length) : inner, true, out);
      return;
    }
    if (running !== null) {
      const m = /^Removing intermediate container ([0-9a-f]{12,64})\n/.exec(text);
      if (!m || !(m[1].startsWith(running) || running.startsWith(m[1]))) { output(text, false, out); return; }
      running = null;
      text = text.slice(m[0].length);
    }
    lineBuffer += text;
    let newline: number;
    while ((newline = lineBuffer.indexOf('\n')) >= 0) {
      const line = lineBuffer.slice(0, newline);
      lineBuffer = lineBuffer.slice(newline + 1);
      // The Step header's newline comes as a chunk of its own.
      if (line === '') continue;
      bookkeeping(line.replace(/\r$/, ''), out);
      if (running !== null && lineBuffer !== '') { const rest = lineBuffer; lineBuffer = ''; stream(rest, out); return; }
    }
  }

  function flushLine(out: BuildEvent[]) {
    if (lineBuffer === '') return;
    const line = lineBuffer;
    lineBuffer = '';
    bookkeeping(line, out);
  }

  return {
    push(message: unknown): BuildEvent[] {
      const out: BuildEvent[] = [];
      if (finished || typeof message !== 'object' || message === null) return out;
      const msg = message as Record<string, unknown>;
      const detail = msg.errorDetail as { message?: unknown; code?: unknown } | undefined;
      if (detail !== undefined || typeof msg.error === 'string') {
        flushLine(out);
        const text = typeof detail?.message === 'string' ? detail.message : String(msg.error ?? 'The build failed.');
        const exitCode = typeof detail?.code === 'number' ? detail.code : undefined;
        fail(text, out, { code: exitCode !== undefined ? 'step-failed' : 'build-failed', exitCode });
        return out;
      }
      if (typeof msg.stream === 'string') stream(msg.stream, out);
      const aux = msg.aux as { ID?: unknown } | undefined;
      if (aux && typeof aux.ID === 'string') lastAuxId = aux.ID;
      if (typeof msg.status === 'string' && msg.progressDetail === undefined && msg.progress === undefined) {
        // Pull progress (FROM of an image not yet on the host): a line per status.
        output(`${typeof msg.id === 'string' ? `${msg.id}: ` : ''}${msg.status}\n`, false, out);
      }
      if (typeof msg.message === 'string' && msg.stream === undefined && msg.status === undefined) {
        // The engine's refusal of the whole request (HTTP 4xx body), e.g. a
        // Dockerfile it cannot parse; it names the line, we find the step.
        const at = PARSE_ERROR_LINE.exec(msg.message);
        const instruction = at ? instructionAtLine(model, Number(at[1])) : undefined;
        fail(msg.message, out, { code: at ? 'parse' : 'build-failed', instruction });
      }
      return out;
    },

    built(): string | null {
      if (builtId === null) return null;
      return lastAuxId && lastAuxId.replace(/^sha256:/, '').startsWith(builtId) ? lastAuxId : builtId;
    },

    end(): BuildEvent[] {
      const out: BuildEvent[] = [];
      if (finished) return out;
      flushLine(out);
      if (finished) return out;
      if (builtId !== null) {
        finished = true;
        const imageId = this.built()!;
        const tag = options.tag !== undefined ? options.tag : taggedAs;
        out.push({ type: 'done', imageId, tag });
        return out;
      }
      fail('The build stopped before the engine reported success.', out, { code: 'incomplete' });
      return out;
    },
  };
}

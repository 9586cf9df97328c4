// The one interpretation of a Dockerfile (see ./interpretation.ts): the
// engine's grammar (./parser, ./instructions), then a dry run of the classic
// builder's dispatch (moby builder/dockerfile, Engine 20.10) that tracks only
// what decides which images are read, which sources are added and which
// labels are set: build-arg scopes, ENV, ARG and ONBUILD triggers. Where a
// value depends on something not known here, the use is refused, never guessed.
import { BuildArgs, UNKNOWN } from './build-args';
import { toInstruction, type Instruction } from './instructions';
import type { ImageReference, Interpretation, InterpretOptionsWithTriggers, LineSpan, Refusal } from './interpretation';
import { nodeFromLine, parseDockerfileText, type DockerfileNode } from './parser';
import { ExpansionError, processWord, processWords, UnknownVariable, type Lookup } from './shell-word';

/** The PATH the engine adds to a stage whose image sets none (Linux). */
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const IMAGE_ID = /^sha256:[0-9a-f]{64}$/;

/** Stops the dry run: the engine's build ends at this instruction. */
class Stop extends Error {}

// The stage's environment (runConfig.Env). With an image whose Env is not
// known, only the names the Dockerfile sets itself can be looked up.
interface Env { vars: Map<string, string | typeof UNKNOWN>; baseUnknown: boolean; opaque: boolean }
type Maybe = string | typeof UNKNOWN;
type What = { en: string; zh: string };
const ADD_SOURCE: What = { en: 'The ADD source', zh: 'ADD 的来源' };
const LABEL_NAME: What = { en: 'The label name', zh: '标签名' };
interface StageResult { name: string; env: Env; onbuild: string[] }

const copyEnv = (e: Env): Env => ({ vars: new Map(e.vars), baseUnknown: e.baseUnknown, opaque: e.opaque });

function envFromList(list: string[]): Env {
  const vars = new Map<string, string>();
  for (const kv of list) {
    const eq = kv.indexOf('=');
    if (eq < 0) vars.set(kv, ''); else vars.set(kv.slice(0, eq), kv.slice(eq + 1));
  }
  return { vars, baseUnknown: false, opaque: false };
}

type Refuse = (span: LineSpan, message: string, reason: Refusal['reason'], zh?: string) => void;

// The engine's own errors are quoted as it prints them; ours are written in both languages.
export function refuser(out: Interpretation): Refuse {
  return (span, message, reason, zh) => out.refusals.push({
    line: span.line, endLine: span.endLine, message, reason,
    text: { en: message, zh: zh ?? (reason === 'parse' ? `引擎无法读懂这个 Dockerfile：${message}` : `构建会在这一条指令失败，引擎的报错是：${message}`) },
  });
}

export function interpretDockerfile(text: string, options: InterpretOptionsWithTriggers = {}): Interpretation {
  const parsed = parseDockerfileText(text);
  const out: Interpretation = { escape: parsed.escape, imageRefs: [], addSources: [], labelKeys: [], onbuildTriggers: [], refusals: [] };
  const refuse = refuser(out);

  const loneCR = text.split('\n').findIndex((l) => l.slice(0, -1).includes('\r'));
  if (loneCR >= 0) refuse({ line: loneCR + 1, endLine: loneCR + 1 }, 'This line has a carriage return (\\r) in the middle: the editor and the engine would count lines differently. Remove it.', 'unknowable', '这一行中间有一个回车符（\\r）：编辑器和引擎会把行数数得不一样。请删掉它。');
  // The engine receives UTF-8: a lone surrogate would reach it as U+FFFD, not as read here.
  const badUnicode = text.split('\n').findIndex((l) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(l));
  if (badUnicode >= 0) refuse({ line: badUnicode + 1, endLine: badUnicode + 1 }, 'This line has a broken Unicode character (a lone surrogate). Remove it.', 'unknowable', '这一行有一个残缺的 Unicode 字符（孤立的代理项）。请删掉它。');
  for (const e of parsed.errors) refuse(e, `failed to parse Dockerfile: ${e.message}`, 'parse');

  // The instructions layer: every node must become an instruction, and
  // only ARGs may come before the first FROM.
  const metaArgs: Extract<Instruction, { kind: 'arg' }>[] = [];
  const stages: { from: Extract<Instruction, { kind: 'from' }>; commands: Instruction[] }[] = [];
  for (const node of parsed.nodes) {
    let ins: Instruction;
    try {
      ins = toInstruction(node);
    } catch (e) {
      refuse(node, node.error ? `failed to parse Dockerfile: ${node.error}` : `dockerfile parse error line ${node.line}: ${(e as Error).message}`, 'parse');
      continue;
    }
    if (ins.kind === 'from') stages.push({ from: ins, commands: [] });
    else if (stages.length > 0) stages[stages.length - 1].commands.push(ins);
    else if (ins.kind === 'arg') metaArgs.push(ins);
    else refuse(node, 'no build stage in current context', 'parse');
  }
  if (out.refusals.length > 0) return out;

  const escape = parsed.escape;
  const global = new BuildArgs(options.buildArgs ?? {});
  const done: StageResult[] = [];

  const known = (get: (name: string) => string | typeof UNKNOWN | undefined): Lookup => (name) => {
    const v = get(name);
    if (v === UNKNOWN) throw new UnknownVariable(name);
    return v;
  };
  const expand = (word: string, lookup: Lookup, span: LineSpan): string => {
    try {
      return processWord(word, lookup, escape);
    } catch (e) {
      if (e instanceof ExpansionError) { refuse(span, e.message, 'build'); throw new Stop(); }
      throw e;
    }
  };
  // Values that only feed later expansions may be unknown; facts may not.
  const expandOrUnknown = (word: string, lookup: Lookup, span: LineSpan): string | typeof UNKNOWN => {
    try { return expand(word, lookup, span); } catch (e) { if (e instanceof UnknownVariable) return UNKNOWN; throw e; }
  };
  // A fact that cannot be known is refused and left out; the reading goes on,
  // so the caller still learns every later stage's base (the build will not run).
  const expandFact = (word: string, lookup: Lookup, span: LineSpan, what: What): string | undefined => {
    try {
      return expand(word, lookup, span);
    } catch (e) {
      if (!(e instanceof UnknownVariable)) throw e;
      refuse(span, `${what.en} "${word}" uses $${e.variable}, whose value depends on the base image's environment, which is not known before the build. Write the value without that variable.`, 'unknowable',
        `${what.zh}“${word}”用到了 $${e.variable}，它的值取决于基础镜像的环境变量，构建之前无法知道。请不用这个变量，直接写出值。`);
      return undefined;
    }
  };

  // Go and JavaScript lower-case some letters differently (U+0130 is "i" in
  // Go), and stage names are matched lower-cased; no image name has such
  // letters anyway, so a reference with any is refused rather than matched.
  const asciiReference = (ref: string, span: LineSpan) => {
    if (!/[^\x00-\x7f]/.test(ref)) return;
    refuse(span, `The image or stage "${ref}" has letters outside ASCII; image and stage names are plain ASCII.`, 'unknowable', `镜像或阶段名“${ref}”含有 ASCII 以外的字母；镜像名和阶段名只能用 ASCII 字符。`);
    throw new Stop();
  };

  try {
    for (const meta of metaArgs) {
      const lookup = known((name) => global.allowedValue(name));
      const expanded = meta.args.map((a) => ({
        key: expand(a.key, lookup, meta.node),
        value: a.value === undefined ? undefined : expand(a.value, lookup, meta.node),
      }));
      for (const a of expanded) { global.addArg(a.key, a.value); global.addMetaArg(a.key, a.value); }
    }

    stages.forEach((stage, index) => {
      const { from } = stage;
      const span: LineSpan = { line: from.node.line, endLine: from.node.endLine };
      if (from.stageName && done.some((s) => s.name === from.stageName)) {
        refuse(span, `${from.stageName} stage name already used`, 'build');
        throw new Stop();
      }
      const args = global.clone();
      args.resetAllowed();
      const metaLookup = known((name) => args.metaValue(name));
      const platform = from.platform ? expand(from.platform, metaLookup, span) : undefined;
      const expanded = expand(from.baseName, metaLookup, span);
      asciiReference(expanded, span);
      if (expanded === '') { refuse(span, `base name (${from.baseName}) should not be blank`, 'build'); throw new Stop(); }
      const stageRef = done.findIndex((s) => s.name !== '' && s.name === expanded.toLowerCase());
      const ref: ImageReference = {
        kind: 'from', stage: index, written: from.baseName, expanded, ...span,
        ...(from.stageName ? { stageName: from.stageName } : {}),
        ...(stageRef >= 0 ? { stageRef } : {}),
        ...(platform !== undefined ? { platform } : {}),
      };
      out.imageRefs.push(ref);

      let env: Env;
      let triggers: string[];
      if (stageRef >= 0) {
        env = copyEnv(done[stageRef].env);
        triggers = done[stageRef].onbuild;
      } else if (expanded === 'scratch') {
        env = envFromList([]);
        triggers = [];
      } else {
        const list = options.envOf?.(index, ref);
        env = list ? envFromList(list) : { vars: new Map(), baseUnknown: true, opaque: false };
        triggers = options.onbuildOf?.(index, ref) ?? [];
      }
      if (!env.vars.has('PATH') && !env.baseUnknown && !env.opaque) env.vars.set('PATH', DEFAULT_PATH);
      const state = { env, args, onbuild: [] as string[] };

      const lookup: Lookup = (name) => {
        if (state.env.opaque) throw new UnknownVariable(name);
        if (state.env.vars.has(name)) {
          const v = state.env.vars.get(name)!;
          if (v === UNKNOWN) throw new UnknownVariable(name);
          return v;
        }
        if (state.env.baseUnknown) throw new UnknownVariable(name);
        return known((n) => state.args.allowedValue(n))(name);
      };

      const dispatch = (ins: Instruction, at: LineSpan, trigger?: string) => {
        const fact = trigger ? { trigger } : {};
        switch (ins.kind) {
          case 'env': {
            const pairs = ins.pairs.map((p): { key: Maybe; value: Maybe } => ({ key: expandOrUnknown(p.key, lookup, at), value: expandOrUnknown(p.value, lookup, at) }));
            for (const p of pairs) {
              if (p.key === UNKNOWN) state.env.opaque = true;
              else state.env.vars.set(p.key, p.value);
            }
            return;
          }
          case 'arg': {
            const pairs = ins.args.map((a): { key: Maybe; value: Maybe | undefined } => ({ key: expandOrUnknown(a.key, lookup, at), value: a.value === undefined ? undefined : expandOrUnknown(a.value, lookup, at) }));
            for (const p of pairs) {
              if (p.key === UNKNOWN) state.env.opaque = true;
              else state.args.addArg(p.key, p.value);
            }
            return;
          }
          case 'label':
            for (const p of ins.pairs) {
              const key = expandFact(p.key, lookup, at, LABEL_NAME);
              const value = expandOrUnknown(p.value, lookup, at);
              if (key !== undefined) out.labelKeys.push({ key, ...(value !== UNKNOWN ? { value } : {}), ...at });
            }
            return;
          case 'add': {
            expandOrUnknown(ins.chown, lookup, at);
            for (const source of ins.sources) {
              const value = expandFact(source, lookup, at, ADD_SOURCE);
              if (value !== undefined) out.addSources.push({ written: source, expanded: value, remote: isRemote(value), ...at });
            }
            expandOrUnknown(ins.dest, lookup, at);
            return;
          }
          case 'copy': {
            expandOrUnknown(ins.chown, lookup, at);
            for (const w of [...ins.sources, ins.dest]) expandOrUnknown(w, lookup, at);
            if (ins.from === '') return;
            // Engine 20.10 does not expand --from: it is matched as written.
            asciiReference(ins.from, at);
            const r = resolveStageOrIndex(ins.from, done);
            if (typeof r === 'string') { refuse(at, `invalid from flag value ${ins.from}: ${r}`, 'build'); throw new Stop(); }
            out.imageRefs.push({ kind: 'copy-from', stage: index, written: ins.from, expanded: ins.from, ...at, ...(r !== undefined ? { stageRef: r } : {}), ...fact });
            return;
          }
          case 'onbuild':
            state.onbuild.push(ins.expression);
            if (!trigger) ownTrigger(out, refuse, ins.expression, at);
            return;
          case 'workdir': case 'user': case 'stopsignal':
            expandOrUnknown(ins.value, lookup, at);
            return;
          case 'volume':
            for (const v of ins.values) expandOrUnknown(v, lookup, at);
            return;
          case 'expose':
            for (const v of ins.values) {
              try { processWords(v, lookup, escape); } catch (e) {
                if (e instanceof ExpansionError) { refuse(at, e.message, 'build'); throw new Stop(); }
                if (!(e instanceof UnknownVariable)) throw e;
              }
            }
            return;
          case 'run':
            if (ins.flagsUsed.length > 0) {
              refuse(at, `the --${ins.flagsUsed[0]} option requires BuildKit; this sandbox builds with the classic builder, which refuses it`, 'build',
                `--${ins.flagsUsed[0]} 选项需要 BuildKit；这个沙箱用经典构建器构建，它不接受这个选项。`);
              throw new Stop();
            }
            return;
          default:
            return;
        }
      };

      // The base's triggers run inside the FROM step, before anything else.
      for (const trigger of triggers) {
        const tp = parseDockerfileText(trigger);
        const problem = tp.errors[0]?.message ?? (tp.nodes.length !== 1 ? 'onbuild trigger should be a single expression' : undefined);
        if (problem) { refuse(span, `The base image's ONBUILD trigger "${trigger}" fails: ${problem}`, 'build', `基础镜像的 ONBUILD 触发指令“${trigger}”会失败：${problem}`); throw new Stop(); }
        let ins: Instruction;
        try {
          ins = toInstruction(tp.nodes[0]);
          if (ins.kind === 'from') throw new Error('*instructions.Stage is not a command type');
        } catch (e) {
          refuse(span, `The base image's ONBUILD trigger "${trigger}" fails: ${(e as Error).message}`, 'build', `基础镜像的 ONBUILD 触发指令“${trigger}”会失败：${(e as Error).message}`);
          throw new Stop();
        }
        dispatch(ins, span, trigger);
      }
      for (const ins of stage.commands) dispatch(ins, { line: ins.node.line, endLine: ins.node.endLine });
      done.push({ name: from.stageName, env: state.env, onbuild: state.onbuild });
    });
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return out;
}

// A learner's own ONBUILD runs in some later build, whose variables and
// escape token are not known now: what it adds and labels must not depend
// on them. It is parsed as the engine will parse it then (on its own line).
export function ownTrigger(out: Interpretation, refuse: Refuse, expression: string, at: LineSpan): void {
  out.onbuildTriggers.push({ trigger: expression, ...at });
  const tp = parseDockerfileText(expression);
  if (tp.errors.length > 0 || tp.nodes.length !== 1) return;
  let ins: Instruction;
  try { ins = toInstruction(tp.nodes[0]); } catch { return; }
  const unknown: Lookup = (name) => { throw new UnknownVariable(name); };
  const fixed = (word: string, what: What): string | undefined => {
    try {
      const a = processWord(word, unknown, '\\');
      const b = processWord(word, unknown, '`');
      if (a === b) return a;
      refuse(at, `${what.en} "${word}" in ONBUILD reads differently under the two escape characters a later build may use; write it without \\ or \`.`, 'unknowable',
        `ONBUILD 里的${what.zh}“${word}”在以后的构建可能使用的两种转义字符下含义不同；请不要在其中使用 \\ 或 \`。`);
    } catch (e) {
      if (e instanceof UnknownVariable) {
        refuse(at, `${what.en} "${word}" in ONBUILD uses $${e.variable}, whose value is only known when a later build runs the trigger. Write the value without variables.`, 'unknowable',
          `ONBUILD 里的${what.zh}“${word}”用到了 $${e.variable}，它的值要等以后的构建运行这个触发指令时才知道。请不用变量，直接写出值。`);
      } else {
        refuse(at, `${what.en} "${word}" in ONBUILD cannot be expanded: ${(e as Error).message}`, 'build', `ONBUILD 里的${what.zh}“${word}”无法展开：${(e as Error).message}`);
      }
    }
    return undefined;
  };
  if (ins.kind === 'add') {
    for (const s of ins.sources) {
      const v = fixed(s, ADD_SOURCE);
      if (v !== undefined) out.addSources.push({ written: s, expanded: v, remote: isRemote(v), onbuild: true, ...at });
    }
  } else if (ins.kind === 'label') {
    for (const p of ins.pairs) {
      const v = fixed(p.key, LABEL_NAME);
      if (v !== undefined) out.labelKeys.push({ key: v, onbuild: true, ...at });
    }
  }
}

/** The engine downloads an ADD source only for these exact prefixes. */
export const isRemote = (source: string): boolean => source.startsWith('http://') || source.startsWith('https://');

// COPY --from: an earlier stage by name (case-insensitive), else a decimal
// index (Go's ParseInt: sign allowed, leading zeros too); an error text when
// the index is the current stage or out of range; undefined for an image.
function resolveStageOrIndex(value: string, done: StageResult[]): number | string | undefined {
  const byName = done.findIndex((s) => s.name !== '' && s.name === value.toLowerCase());
  if (byName >= 0) return byName;
  if (!/^[+-]?[0-9]+$/.test(value)) return undefined;
  const n = BigInt(value);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return undefined;
  if (n === BigInt(done.length)) return 'refers to current build stage';
  if (n < 0n || n > BigInt(done.length)) return 'index out of bounds';
  return Number(n);
}

/**
 * The Dockerfile the engine receives: each listed reference replaced by a
 * full image id. An instruction that names one is written again on its first
 * line (flags and other arguments kept) and its continuation lines become
 * empty, so every instruction keeps its line and its step number.
 */
export function rewriteImageReferences(text: string, interpretation: Interpretation, ids: Map<ImageReference, string>): string {
  if (ids.size === 0) return text;
  const parsed = parseDockerfileText(text);
  const lines = text.split('\n');
  for (const [ref, id] of ids) {
    if (!interpretation.imageRefs.includes(ref)) throw new Error('rewriteImageReferences: the reference is not from this interpretation');
    if (ref.trigger !== undefined) throw new Error(`rewriteImageReferences: "${ref.written}" comes from an ONBUILD trigger, not from the Dockerfile's text`);
    if (!IMAGE_ID.test(id)) throw new Error(`rewriteImageReferences: "${id}" is not a full image id`);
    const node = parsed.nodes.find((n) => n.line === ref.line && n.endLine === ref.endLine);
    if (!node) throw new Error(`rewriteImageReferences: no instruction on lines ${ref.line}-${ref.endLine}`);
    const written = rewrite(node, ref, id);
    // Read it back with the engine's grammar: only the reference may differ.
    const check = nodeFromLine(written, parsed.escape, node.line, node.endLine);
    const flags = ref.kind === 'from' ? node.flags : node.flags.map((f) => (f.startsWith('--from=') ? `--from=${id}` : f));
    const args = ref.kind === 'from' ? [id, ...node.args.slice(1)] : node.args;
    if (check.error || check.cmd !== node.cmd || check.json !== node.json || JSON.stringify([check.flags, check.args]) !== JSON.stringify([flags, args])) {
      throw new Error(`rewriteImageReferences: line ${node.line} could not be rewritten faithfully`);
    }
    for (let n = node.line; n <= node.endLine; n++) {
      const old = lines[n - 1];
      const cr = old.endsWith('\r') ? '\r' : '';
      const bom = n === 1 && old.startsWith('\uFEFF') ? '\uFEFF' : '';
      lines[n - 1] = bom + (n === node.line ? written : '') + cr;
    }
  }
  return lines.join('\n');
}

function rewrite(node: DockerfileNode, ref: ImageReference, id: string): string {
  const keyword = node.cmd.toUpperCase();
  if (ref.kind === 'from') {
    return [keyword, ...node.flags.map(quoteFlag), id, ...node.args.slice(1)].join(' ');
  }
  let replaced = false;
  const flags = node.flags.map((f) => {
    if (!replaced && /^--from=/.test(f)) { replaced = true; return `--from=${id}`; }
    return quoteFlag(f);
  });
  if (!replaced) throw new Error(`rewriteImageReferences: no --from flag on line ${node.line}`);
  return [keyword, ...flags, node.json ? JSON.stringify(node.args) : node.args.join(' ')].join(' ');
}

// A flag as the engine's flag reader will read it back: the value after
// `--name=` bare when it is plain, else in double quotes with " and \ escaped
// (a flag word must start with -- unquoted to be taken as a flag).
function quoteFlag(flag: string): string {
  if (/^[\x21-\x7e]+$/.test(flag) && !/["'\\]/.test(flag)) return flag;
  const eq = flag.indexOf('=');
  const name = flag.slice(0, eq + 1);
  if (eq < 0 || !/^--[A-Za-z0-9-]+=$/.test(name)) throw new Error(`rewriteImageReferences: cannot write the flag ${JSON.stringify(flag)} back`);
  return `${name}"${flag.slice(eq + 1).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// What a learner's Dockerfile may ask of the engine, checked before the
// engine sees it: base images only from the catalog, the session's own
// images (rewritten to their engine names), earlier stages or scratch; no
// ADD from a URL (the daemon would fetch it outside any network policy).
// Pure: works on the Dockerfile model and lists given by the caller.
import type { DockerfileModel } from '../../lib/dockerfile/model';

export interface BaseImageChoices {
  catalog: string[];                        // e.g. busybox:latest, debian:bookworm-slim
  sessionImage(ref: string): string | undefined; // learner ref → engine tag, when the session owns it
}

export type PolicyResult =
  | { ok: true; dockerfile: string }
  | { ok: false; message: string; line: number };

const URL_SOURCE = /^(https?:\/\/|git:\/\/|git@|ssh:\/\/)/i;

function splitArgs(args: string): string[] {
  const trimmed = args.trim();
  if (trimmed.startsWith('[')) {
    try { const parsed = JSON.parse(trimmed); if (Array.isArray(parsed)) return parsed.map(String); } catch { /* shell form */ }
  }
  return trimmed.split(/\s+/).filter(Boolean);
}

const withTag = (ref: string): string => (/:[^/]*$/.test(ref) || ref.includes('@') ? ref : `${ref}:latest`);

// ARGs declared before the first FROM may be used in FROM lines.
function substituteArgs(ref: string, globals: Map<string, string>): string | undefined {
  let unresolved = false;
  const out = ref.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a, b) => {
    const v = globals.get(a ?? b);
    if (v === undefined) unresolved = true;
    return v ?? '';
  });
  return unresolved ? undefined : out;
}

export function checkDockerfile(text: string, model: DockerfileModel, choices: BaseImageChoices): PolicyResult {
  const lines = text.split('\n');
  const stageNames = new Set<string>();
  const globals = new Map<string, string>();
  let stageCount = 0;
  const available = () => `Available base images: ${[...choices.catalog].sort().join(', ')}, scratch, your own images and earlier stages.`;

  // Replace the first occurrence of `from` after the keyword on the
  // instruction's own lines, so line numbers stay as the learner wrote them.
  const rewrite = (line: number, endLine: number, from: string, to: string) => {
    for (let i = line - 1; i < endLine && i < lines.length; i++) {
      const at = lines[i].indexOf(from, i === line - 1 ? lines[i].search(/\S/) + 4 : 0);
      if (at >= 0) { lines[i] = lines[i].slice(0, at) + to + lines[i].slice(at + from.length); return; }
    }
  };

  const resolveImage = (ref: string, ins: { line: number; endLine: number }, what: string): PolicyResult | undefined => {
    if (stageNames.has(ref.toLowerCase()) || ref === 'scratch') return undefined;
    const own = choices.sessionImage(ref);
    if (own) { rewrite(ins.line, ins.endLine, ref, own); return undefined; }
    if (choices.catalog.includes(withTag(ref))) return undefined;
    return { ok: false, line: ins.line, message: `${what} "${ref}" is not available here (no registry can be reached). ${available()}` };
  };

  for (const ins of model.instructions) {
    if (ins.keyword === 'ARG' && ins.stage < 0) {
      const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/.exec(ins.args);
      if (m && m[2] !== undefined) globals.set(m[1], m[2].replace(/^["']|["']$/g, ''));
    }
    if (ins.keyword === 'FROM') {
      const tokens = splitArgs(ins.args).filter((t) => !t.startsWith('--'));
      const raw = tokens[0];
      if (!raw) return { ok: false, line: ins.line, message: 'FROM names no image' };
      const ref = raw.includes('$') ? substituteArgs(raw, globals) : raw;
      if (!ref) return { ok: false, line: ins.line, message: `FROM "${raw}" uses a build argument without a default. ${available()}` };
      const refused = resolveImage(ref, ins, 'Base image');
      if (refused) return refused;
      if (tokens.length >= 3 && tokens[1].toLowerCase() === 'as') stageNames.add(tokens[2].toLowerCase());
      stageNames.add(String(stageCount++));
    }
    // ONBUILD ADD runs in the build of any image FROM this one: same rule.
    const onbuildAdd = ins.keyword === 'ONBUILD' && /^\s*ADD\s/i.test(ins.args);
    if (ins.keyword === 'ADD' || onbuildAdd) {
      const parts = splitArgs(onbuildAdd ? ins.args.replace(/^\s*ADD\s+/i, '') : ins.args).filter((t) => !t.startsWith('--'));
      const url = parts.slice(0, -1).find((p) => URL_SOURCE.test(p));
      if (url) return { ok: false, line: ins.line, message: `ADD from a URL (${url}) is refused: the engine would fetch it outside the sandbox's network policy. Send the file with the build, or download it in a RUN step.` };
    }
    if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      // The model's args leave flags out; read them from the text itself.
      const source = lines.slice(ins.line - 1, ins.endLine).join(' ');
      const fromFlag = /--from=(\S+)/.exec(source);
      if (fromFlag) {
        const refused = resolveImage(fromFlag[1], ins, 'Image in --from');
        if (refused) return refused;
      }
    }
  }
  return { ok: true, dockerfile: lines.join('\n') };
}

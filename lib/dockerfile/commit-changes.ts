// The changes of a commit (`docker commit --change`, the Engine API's
// `changes`), read as the engine reads them (moby builder/dockerfile
// BuildFromConfig, Engine 20.10): joined with newlines and parsed as a
// Dockerfile, only CMD, ENTRYPOINT, HEALTHCHECK, ENV, EXPOSE, LABEL, ONBUILD,
// USER, VOLUME and WORKDIR allowed, each expanded with the env of the commit's
// config (the container's when the request gives none), ENV taking effect for
// the changes after it. Lines are those of the joined text.
import { BuildArgs } from './build-args';
import { toInstruction } from './instructions';
import type { Interpretation, LineSpan } from './interpretation';
import { ownTrigger, refuser } from './interpret';
import { parseDockerfileText } from './parser';
import { ExpansionError, processWord, type Lookup } from './shell-word';

const VALID = new Set(['cmd', 'entrypoint', 'healthcheck', 'env', 'expose', 'label', 'onbuild', 'user', 'volume', 'workdir']);

export function interpretCommitChanges(changes: string[], env: string[]): Interpretation {
  const parsed = parseDockerfileText(changes.join('\n'));
  const out: Interpretation = { escape: parsed.escape, imageRefs: [], addSources: [], labelKeys: [], onbuildTriggers: [], refusals: [] };
  const refuse = refuser(out);
  if (changes.length === 0) return out;
  for (const e of parsed.errors) { refuse(e, e.message, 'parse'); return out; }
  const invalid = parsed.nodes.find((n) => !VALID.has(n.cmd));
  if (invalid) { refuse(invalid, `${invalid.cmd} is not a valid change command`, 'parse'); return out; }

  const vars = new Map<string, string>();
  for (const kv of env) { const eq = kv.indexOf('='); if (eq < 0) vars.set(kv, ''); else vars.set(kv.slice(0, eq), kv.slice(eq + 1)); }
  // No build args in a commit, but the proxy names are looked up all the same (none are set).
  const args = new BuildArgs({}).allAllowed();
  const lookup: Lookup = (name) => vars.get(name) ?? (args.get(name) as string | undefined);
  const expand = (word: string, at: LineSpan): string => {
    try { return processWord(word, lookup, parsed.escape); } catch (e) {
      if (e instanceof ExpansionError) { refuse(at, e.message, 'build'); throw e; }
      throw e;
    }
  };

  const commands = [];
  for (const node of parsed.nodes) {
    try { commands.push(toInstruction(node)); } catch (e) { refuse(node, (e as Error).message, 'parse'); return out; }
  }
  try {
    for (const ins of commands) {
      const at = { line: ins.node.line, endLine: ins.node.endLine };
      if (ins.kind === 'env') {
        const pairs = ins.pairs.map((p) => [expand(p.key, at), expand(p.value, at)] as const);
        for (const [k, v] of pairs) vars.set(k, v);
      } else if (ins.kind === 'label') {
        for (const p of ins.pairs) out.labelKeys.push({ key: expand(p.key, at), value: expand(p.value, at), ...at });
      } else if (ins.kind === 'onbuild') {
        ownTrigger(out, refuse, ins.expression, at);
      } else if (ins.kind === 'workdir' || ins.kind === 'user') {
        expand(ins.value, at);
      } else if (ins.kind === 'volume') {
        for (const v of ins.values) expand(v, at);
      }
    }
  } catch (e) {
    if (!(e instanceof ExpansionError)) throw e;
  }
  return out;
}

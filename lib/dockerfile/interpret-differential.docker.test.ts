// Differential test against the live engine: Dockerfiles made at random
// (fixed seed) from the spellings attackers use (keyword case, continuations
// with comments and blank lines, both escape tokens, every expansion form and
// its errors, quotes, ARG/ENV scopes, build args, ADD sources that a
// variable, a quote or an escape turns into a URL) are built with the
// classic builder, and what the engine did is compared with the
// interpretation: step count, errors and their text, final labels, the ADD
// source it read or downloaded. 200 such Dockerfiles agreed when this was
// written; 30 run here.
import { pack } from 'tar-stream';
import { engineRequest } from './fixtures/engine-request';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PATH, interpretDockerfile } from './interpret';
import { parseDockerfile } from './model';

const LABEL = 'org.layerlab.test';
const LABEL_VALUE = `lib-dockerfile-differential-${process.pid}`;

let seed = 20261208;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = <T,>(a: T[]): T => a[Math.floor(rnd() * a.length)];
const chance = (p: number) => rnd() < p;


async function contextTar(dockerfile: string): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'Dockerfile' }, dockerfile);
  p.entry({ name: 'a.txt' }, 'a');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

const kw = (k: string) => pick([k, k.toLowerCase(), k[0] + k.slice(1).toLowerCase()]);
const names = ['A', 'B', 'HOME', 'PATH', 'X_1', 'lower'];
function word(esc: string): string {
  const parts: string[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    parts.push(pick([
      () => pick(['a', 'k', 'v.1', 'x-y', 'Z']),
      () => '$' + pick(names),
      () => '${' + pick(names) + '}',
      () => '${' + pick(names) + ':-' + pick(['d', '$A', "'q'"]) + '}',
      () => '${' + pick(names) + ':+' + pick(['p', '$B']) + '}',
      () => '"' + pick(['s p', '$A', esc + '$A', 'q' + esc + '"x']) + '"',
      () => "'" + pick(['$A', 'l i']) + "'",
      () => esc + '$' + pick(names),
      () => esc + pick(['t', ' ', esc]),
      () => pick(['${A-x}', '${', '$', '${A:?}', '${}']),
    ])());
  }
  return parts.join('');
}
function cont(esc: string) { return pick([' ' + esc + '\n  ', ' ' + esc + '\n# c\n  ', ' ' + esc + '\n\n  ', ' ']); }
function generate(): { df: string; args: Record<string, string> } {
  const esc = chance(0.3) ? '`' : '\\';
  const lines: string[] = [];
  if (esc === '`') lines.push('# escape=`');
  if (chance(0.5)) lines.push(`${kw('ARG')} A=${pick(['m', 'x y', '$B', ''])}`);
  if (chance(0.3)) lines.push(`${kw('ARG')} B`);
  lines.push(`${kw('FROM')} ${pick(['busybox', '${IMG:-busybox}', 'busybox:${TAG:-latest}'])}${chance(0.3) ? ' ' + pick(['AS', 'as']) + ' s0' : ''}`);
  const n = 2 + Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) {
    lines.push(pick([
      () => `${kw('ARG')} ${pick(names)}${chance(0.7) ? '=' + word(esc) : ''}`,
      () => `${kw('ENV')}${cont(esc)}${pick(names)}=${word(esc)}${chance(0.4) ? cont(esc) + pick(names) + '=' + word(esc) : ''}`,
      () => `${kw('LABEL')}${cont(esc)}${word(esc)}=${word(esc)}${chance(0.4) ? cont(esc) + word(esc) + '=' + word(esc) : ''}`,
      () => `${kw('LABEL')} ${pick(['k', 'old'])} ${word(esc)}`,
      () => `${kw('WORKDIR')} /${word(esc)}`,
    ])());
  }
  if (chance(0.5)) lines.push(`${kw('ADD')}${cont(esc)}${pick(['', '--chown=0:0 '])}${pick([word(esc) + 'z.txt', pick(['http', 'HTTP', '"ht"tp', 'ht' + esc + 'tp', '$P', '${P:-https}']) + '://127.0.0.1:1/' + word(esc)])} /d/`);
  if (chance(0.3)) lines.splice(lines.length - 1, 0, `${kw('ARG')} P=${pick(['http', 'https', 'ftp'])}`);
  const args: Record<string, string> = {};
  if (chance(0.5)) args[pick(names)] = pick(['cli', '', 'c l']);
  return { df: lines.join('\n') + '\n', args };
}


afterAll(async () => {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${LABEL}=${LABEL_VALUE}`] }));
  const images = JSON.parse((await engineRequest('GET', `/images/json?all=1&filters=${filters}`)).text) as { Id: string }[];
  for (const image of images) await engineRequest('DELETE', `/images/${image.Id}`);
});

describe('random Dockerfiles: the interpretation agrees with the live engine', () => {
  const cases = Array.from({ length: 30 }, generate);
  for (const [n, { df, args }] of cases.entries()) {
    it(`#${n + 1}`, async () => {
      const q = new URLSearchParams({ nocache: '1', rm: '1', forcerm: '1', buildargs: JSON.stringify(args), labels: JSON.stringify({ [LABEL]: LABEL_VALUE }) });
      const res = await engineRequest('POST', `/build?${q}`, await contextTar(df));
      let stream = '';
      let error: string | undefined;
      let id: string | undefined;
      for (const l of res.text.split(/\r?\n/)) {
        if (!l.trim()) continue;
        const m = JSON.parse(l) as { stream?: string; error?: string; message?: string; aux?: { ID?: string } };
        if (m.stream) stream += m.stream;
        if (m.error) error = m.error;
        if (m.message && res.status !== 200) error = m.message;
        if (m.aux?.ID) id = m.aux.ID;
      }
      const interp = interpretDockerfile(df, { buildArgs: args, envOf: () => [`PATH=${DEFAULT_PATH}`] });
      const context = `${df}\nbuild args ${JSON.stringify(args)}\nengine: ${error ?? 'built'}`;
      const total = [...stream.matchAll(/Step \d+\/(\d+) : /g)].map((m) => +m[1])[0];
      if (total !== undefined) expect(total, context).toBe(parseDockerfile(df).instructions.length + 1);

      const stat = /stat (.*): file does not exist/.exec(error ?? '');
      const get = /^ADD failed: Get "(.*?)"/.exec(error ?? '');
      if (error && /^ADD failed/.test(error)) {
        // The build ran up to the ADD: nothing before it is refused, and the source it read is the one the interpretation names.
        expect(interp.refusals, context).toEqual([]);
        if (stat) expect(interp.addSources.map((a) => ({ src: a.expanded.replace(/^\//, ''), remote: a.remote })), context).toContainEqual({ src: stat[1], remote: false });
        // Go's HTTP client prints the URL escaped (a space as %20, a backslash as %5C).
        if (get) {
          const printed = (() => { try { return decodeURIComponent(get[1]); } catch { return get[1]; } })();
          expect(interp.addSources.filter((a) => a.remote && (a.expanded === get[1] || a.expanded === printed)), context).toHaveLength(1);
        }
      } else if (error) {
        expect(interp.refusals.map((r) => r.message), context).toContain(error);
      } else {
        expect(interp.refusals, context).toEqual([]);
        const info = JSON.parse((await engineRequest('GET', `/images/${id}/json`)).text) as { Config: { Labels: Record<string, string> | null } };
        const labels = { ...info.Config.Labels };
        delete labels[LABEL];
        delete labels['org.layerlab.catalog'];
        expect(Object.fromEntries(interp.labelKeys.map((l) => [l.key, l.value])), context).toEqual(labels);
        expect(interp.addSources.filter((a) => a.remote), context).toEqual([]);
      }
    });
  }
});

// The interpretation against the live engine (classic builder over the Engine
// API, no cache): the engine is the oracle for the steps it prints, the base
// each FROM takes, the labels it sets and the sources it reads; and a
// Dockerfile rewritten to image ids builds with the same steps on the same lines.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pack } from 'tar-stream';
import { engineRequest } from './fixtures/engine-request';
import { afterAll, describe, expect, it } from 'vitest';
import { interpretDockerfile, rewriteImageReferences } from './interpret';
import type { ImageReference } from './interpretation';
import { parseDockerfile } from './model';

const LABEL = 'org.layerlab.test';
const LABEL_VALUE = `lib-dockerfile-interp-${process.pid}`;
const fixtures = path.join(__dirname, 'fixtures');
const ours = new Set<string>(); // short ids of images these builds made


async function contextTar(dockerfile: string): Promise<Buffer> {
  const p = pack();
  p.entry({ name: 'Dockerfile' }, dockerfile);
  p.entry({ name: 'a.txt' }, 'alpha\n');
  p.entry({ name: 'b.txt' }, 'beta\n');
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Built { steps: { n: number; m: number; text: string }[]; fromIds: string[]; error?: string; id?: string; labels?: Record<string, string> }

async function build(dockerfile: string, buildArgs: Record<string, string> = {}): Promise<Built> {
  const q = new URLSearchParams({ nocache: '1', rm: '1', forcerm: '1', buildargs: JSON.stringify(buildArgs), labels: JSON.stringify({ [LABEL]: LABEL_VALUE }) });
  const res = await engineRequest('POST', `/build?${q}`, await contextTar(dockerfile));
  let stream = '';
  const out: Built = { steps: [], fromIds: [] };
  for (const line of res.text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as { stream?: string; error?: string; message?: string; aux?: { ID?: string } };
    if (typeof m.stream === 'string') stream += m.stream;
    if (m.error) out.error = m.error;
    if (m.message && res.status !== 200) out.error = m.message;
    if (m.aux?.ID) out.id = m.aux.ID;
  }
  let fromStep = false;
  for (const l of stream.replace(/\u001b\[[0-9;]*m/g, '').split('\n')) {
    const step = /^Step (\d+)\/(\d+) : (.*)$/.exec(l);
    if (step) { out.steps.push({ n: +step[1], m: +step[2], text: step[3] }); fromStep = /^FROM\s/i.test(step[3]); }
    // A base's ONBUILD triggers commit images of their own before the FROM step ends.
    if (fromStep && l.startsWith('# Executing')) { out.fromIds.push(''); fromStep = false; }
    const id = /^ ---> ([0-9a-f]{12})$/.exec(l);
    if (id) { if (fromStep) out.fromIds.push(id[1]); else ours.add(id[1]); fromStep = false; }
  }
  if (out.id) {
    const info = JSON.parse((await engineRequest('GET', `/images/${out.id}/json`)).text) as { Config: { Labels: Record<string, string> | null } };
    out.labels = info.Config.Labels ?? {};
  }
  return out;
}

const imageId = async (ref: string) => (JSON.parse((await engineRequest('GET', `/images/${ref}/json`)).text) as { Id: string }).Id;
const imageEnv = async (ref: string) => (JSON.parse((await engineRequest('GET', `/images/${ref}/json`)).text) as { Config: { Env: string[] | null } }).Config.Env ?? [];

afterAll(async () => {
  // Newest first, so a parent goes after its children; never a shared base.
  for (const id of [...ours].reverse()) await engineRequest('DELETE', `/images/${id}?noprune=0`);
});

function interpret(text: string, buildArgs: Record<string, string>, env: string[]) {
  return interpretDockerfile(text, { buildArgs, envOf: () => env, onbuildOf: () => [] });
}

describe('the interpretation agrees with the live engine', () => {
  const names = ['from-as-case', 'label-keys', 'arg-in-stage', 'escape-backtick', 'onbuild', 'lowercase', 'arg-buildarg'];
  for (const name of names) {
    it(`${name}: steps, bases and labels`, async () => {
      const text = readFileSync(path.join(fixtures, `${name}.Dockerfile`), 'utf8');
      const argsFile = path.join(fixtures, `${name}.args.json`);
      const buildArgs = existsSync(argsFile) ? JSON.parse(readFileSync(argsFile, 'utf8')) as Record<string, string> : {};
      const built = await build(text, buildArgs);
      expect(built.error).toBeUndefined();
      const interp = interpret(text, buildArgs, await imageEnv('busybox:latest'));
      expect(interp.refusals).toEqual([]);
      const model = parseDockerfile(text);
      expect(built.steps.map((s) => s.n)).toEqual([...model.instructions.map((i) => i.step), model.instructions.length + 1]);
      for (const s of built.steps.slice(0, -1)) {
        const ins = model.instructions[s.n - 1];
        expect(s.text.replace(/^\S+\s*/, '')).toBe(ins.args);
      }
      // Each FROM that names an image took that image.
      const froms = interp.imageRefs.filter((r) => r.kind === 'from');
      expect(built.fromIds).toHaveLength(froms.length);
      for (const [k, ref] of froms.entries()) {
        if (ref.stageRef === undefined && built.fromIds[k] !== '') expect(built.fromIds[k]).toBe((await imageId(ref.expanded)).slice(7, 19));
      }
      // The final image's own labels are the ones the final stage (and the stages it starts from) set.
      const chain = new Set<number>();
      for (let k: number | undefined = froms.length - 1; k !== undefined; k = froms[k].stageRef) chain.add(k);
      const stageOf = (line: number) => froms.filter((f) => f.line <= line).length - 1;
      const expected = Object.fromEntries(interp.labelKeys.filter((l) => !l.onbuild && chain.has(stageOf(l.line))).map((l) => [l.key, l.value]));
      const labels = { ...built.labels };
      delete labels[LABEL];
      delete labels['org.layerlab.catalog'];
      expect(labels).toEqual(expected);
    });
  }
});

describe('rewriteImageReferences: the engine builds the rewritten Dockerfile on the same lines', () => {
  it('FROM and COPY --from spelled over continuations, with flags, become image ids; steps and lines stay', async () => {
    const text = [
      'ARG B=busybox',
      'FROM --platform=linux/amd64 \\',
      '  # the base, over three lines',
      '  ${B} \\',
      '',
      '  AS First',
      'LABEL first=1',
      'FROM first',
      'COPY --chown=0:0 \\',
      '     --from=busybox /bin/busybox /copied',
      'COPY --from="busybox" \\',
      '  ["/bin/busybox", "/bb"]',
      'LABEL last=1',
      '',
    ].join('\n');
    const busybox = await imageId('busybox:latest');
    const interp = interpret(text, {}, await imageEnv('busybox:latest'));
    const ids = new Map<ImageReference, string>();
    for (const r of interp.imageRefs) if (r.stageRef === undefined) ids.set(r, busybox);
    // The --from after another flag, on a continuation line, is still a flag.
    expect([...ids.keys()].map((r) => [r.kind, r.line, r.endLine])).toEqual([['from', 2, 6], ['copy-from', 9, 10], ['copy-from', 11, 12]]);

    const rewritten = rewriteImageReferences(text, interp, ids);
    expect(rewritten.split('\n')).toHaveLength(text.split('\n').length);
    expect(rewritten).not.toMatch(/\$\{B\}|from=busybox|from="busybox"/);

    const before = await build(text);
    const after = await build(rewritten);
    expect(before.error).toBeUndefined();
    expect(after.error).toBeUndefined();
    // Same number of steps, each on the same line of the editor's model.
    expect(after.steps.map((s) => [s.n, s.m])).toEqual(before.steps.map((s) => [s.n, s.m]));
    const a = parseDockerfile(rewritten).instructions;
    const b = parseDockerfile(text).instructions;
    expect(a.map((i) => [i.keyword, i.line, i.step])).toEqual(b.map((i) => [i.keyword, i.line, i.step]));
    expect(after.fromIds[0]).toBe(busybox.slice(7, 19));
    expect(after.labels).toEqual(before.labels);
    // The rewritten text reads the same for the interpretation, ids in place of names.
    const again = interpret(rewritten, {}, []);
    expect(again.refusals).toEqual([]);
    expect(again.imageRefs.map((r) => [r.kind, r.line, r.expanded])).toEqual(interp.imageRefs.map((r) => [r.kind, r.line, r.stageRef === undefined ? busybox : r.expanded]));
  });
});

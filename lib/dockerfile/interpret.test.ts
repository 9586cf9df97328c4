// The interpretation against what Engine 20.10's classic builder did with the
// same Dockerfiles (recorded by fixtures/record.mjs): step lines, errors and
// their text, which base each FROM took, the labels the image got, which ADD
// sources it read and whether it downloaded them.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { interpretDockerfile, rewriteImageReferences } from './interpret';
import type { ImageReference, Interpretation } from './interpretation';
import { parseDockerfile } from './model';
import { parseDockerfileText } from './parser';

const dir = path.join(__dirname, 'fixtures');
interface Recording {
  buildArgs: Record<string, string>;
  stream: string[];
  error?: string;
  image?: { labels: Record<string, string> | null; env: string[]; onbuild: string[] | null; history: string[] };
  fromSteps: { id: string | null; triggers: boolean }[];
}
const bases = JSON.parse(readFileSync(path.join(dir, 'engine-images.json'), 'utf8')) as Record<string, { id: string; env: string[]; onbuild: string[] }>;
const withTag = (ref: string) => (ref.includes(':') ? ref : `${ref}:latest`);
const cases = readdirSync(dir).filter((f) => f.endsWith('.engine.json')).map((f) => f.slice(0, -'.engine.json'.length)).sort();

function load(name: string) {
  const text = readFileSync(path.join(dir, `${name}.Dockerfile`), 'utf8');
  const rec = JSON.parse(readFileSync(path.join(dir, `${name}.engine.json`), 'utf8')) as Recording;
  // The base images' env and triggers as the engine had them.
  const interp = interpretDockerfile(text, {
    buildArgs: rec.buildArgs,
    envOf: (_s, base) => bases[withTag(base.expanded)]?.env,
    onbuildOf: (_s, base) => bases[withTag(base.expanded)]?.onbuild,
  });
  return { text, rec, interp };
}
const ansi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const steps = (rec: Recording) => rec.stream.map(ansi).flatMap((l) => { const m = /^Step (\d+)\/(\d+) : (.*)$/.exec(l); return m ? [{ n: +m[1], m: +m[2], text: m[3] }] : []; });
const PARSE_ERROR = /^(dockerfile parse error|failed to parse Dockerfile|no build stage in current context)/;

describe('every recorded Dockerfile: the interpretation agrees with the engine', () => {
  it('has at least 30 recordings', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  for (const name of cases) {
    it(name, () => {
      const { text, rec, interp } = load(name);
      const model = parseDockerfile(text);

      // Steps: one per instruction, the text the engine prints, plus the build label.
      for (const s of steps(rec)) {
        expect(s.m).toBe(model.instructions.length + 1);
        if (s.n > model.instructions.length) { expect(s.text).toBe('LABEL org.layerlab.test=interp-fixtures'); continue; }
        const ins = model.instructions[s.n - 1];
        const [, kw, args] = /^(\S+)\s*(.*)$/.exec(s.text)!;
        expect(kw.toUpperCase()).toBe(ins.keyword);
        expect(args).toBe(ins.args);
      }

      // Errors the engine finds before running anything, and expansion errors,
      // are refusals with the engine's own text; a build that succeeded has none.
      for (const r of interp.refusals) { expect(r.reason).toBeDefined(); expect(r.text?.zh).toBeTruthy(); }
      if (rec.error && PARSE_ERROR.test(rec.error)) expect(interp.refusals.find((r) => r.message === rec.error)?.reason).toBe('parse');
      if (rec.error && (PARSE_ERROR.test(rec.error) || /^failed to process|stage name already used|should not be blank|^invalid from flag value \S+: (refers to current|index out)/.test(rec.error))) {
        expect(interp.refusals.map((r) => r.message)).toContain(rec.error);
        if (PARSE_ERROR.test(rec.error)) expect(steps(rec)).toEqual([]);
      } else if (!rec.error) {
        expect(interp.refusals).toEqual([]);
      }

      // Each FROM without triggers printed its base's id.
      const froms = interp.imageRefs.filter((r) => r.kind === 'from');
      rec.fromSteps.forEach((step, i) => {
        if (!step.id || step.triggers) return;
        const ref = froms[i];
        if (ref.stageRef === undefined) expect(bases[withTag(ref.expanded)]?.id.slice(7, 19)).toBe(step.id);
        else expect(bases['busybox:latest'].id.slice(7, 19)).not.toBe(step.id);
      });

      // Labels: every key and value the Dockerfile (and the triggers it ran) set.
      if (rec.image) {
        const own = { ...(rec.image.labels ?? {}) };
        delete own['org.layerlab.catalog'];
        delete own['org.layerlab.test'];
        // The final stage and the earlier stages it starts from, by their lines.
        const chain = new Set<number>();
        for (let k: number | undefined = froms.length - 1; k !== undefined; k = froms[k].stageRef) chain.add(k);
        const stageOf = (line: number) => froms.filter((f) => f.line <= line).length - 1;
        const facts = interp.labelKeys.filter((l) => !l.onbuild && chain.has(stageOf(l.line)));
        expect(Object.fromEntries(facts.map((l) => [l.key, l.value]))).toEqual(own);
      }

      // A missing context file names the source as the engine expanded it; a
      // download names the URL: the interpretation has the same source, remote or not.
      const stat = /file not found in build context or excluded by \.dockerignore: stat (.*): file does not exist/.exec(rec.error ?? '');
      if (stat && rec.error!.startsWith('ADD')) {
        expect(interp.addSources.filter((s) => !s.onbuild).map((s) => ({ src: s.expanded.replace(/^\//, ''), remote: s.remote }))).toContainEqual({ src: stat[1], remote: false });
      }
      const get = /^ADD failed: Get "(.*?)": dial/.exec(rec.error ?? '');
      if (get) expect(interp.addSources.map((s) => ({ src: s.expanded, remote: s.remote }))).toContainEqual({ src: get[1], remote: true });
    });
  }
});

const refs = (i: Interpretation) => i.imageRefs.map(({ kind, line, expanded, stageRef, trigger }: ImageReference) => ({ kind, line, expanded, ...(stageRef !== undefined ? { stageRef } : {}), ...(trigger ? { trigger } : {}) }));

describe('case by case', () => {
  it('continuations: the engine joins the same lines and warns about the same empty ones', () => {
    const { text, rec } = load('continuations');
    const parsed = parseDockerfileText(text);
    const warnings = rec.stream.map(ansi).join('\n');
    for (const w of parsed.warnings) expect(warnings).toContain(w);
    expect(parsed.warnings).toHaveLength(3);
    expect(parsed.nodes.map((n) => [n.cmd, n.line, n.endLine])).toEqual([['from', 1, 1], ['run', 2, 6], ['label', 7, 8], ['label', 9, 13], ['add', 14, 17]]);
  });

  it('lowercase and mixed-case stage names resolve as the engine resolves them', () => {
    expect(refs(load('lowercase').interp)).toEqual([
      { kind: 'from', line: 1, expanded: 'busybox' },
      { kind: 'from', line: 4, expanded: 'base', stageRef: 0 },
      { kind: 'copy-from', line: 5, expanded: 'BASE', stageRef: 0 },
    ]);
    expect(refs(load('from-as-case').interp)).toEqual([
      { kind: 'from', line: 1, expanded: 'busybox' },
      { kind: 'from', line: 3, expanded: 'busybox' },
      { kind: 'from', line: 5, expanded: 'Lower', stageRef: 0 },
      { kind: 'copy-from', line: 6, expanded: 'upper', stageRef: 1 },
      { kind: 'copy-from', line: 7, expanded: 'LOWER', stageRef: 0 },
    ]);
  });

  it('quoted flags and flags in any order: steps 4-6 read stage "first" (the engine built them), step 7 kept the space', () => {
    const { interp, rec } = load('quoted-flags');
    expect(refs(interp).filter((r) => r.kind === 'copy-from')).toEqual([4, 5, 6, 7].map((line) => ({ kind: 'copy-from', line, expanded: 'first', stageRef: 0 })));
    expect(rec.error).toContain('group  0');
  });

  it('a --from after the sources is a source, not a flag', () => {
    const { interp, rec } = load('flag-after-args');
    expect(interp.imageRefs.filter((r) => r.kind === 'copy-from')).toEqual([]);
    expect(rec.error).toContain('stat --from=first');
  });

  it('COPY --from by index: 0, +0 and 00 are stage 0; the current stage is refused', () => {
    const { interp } = load('copy-from-index');
    expect(refs(interp)).toEqual([
      { kind: 'from', line: 1, expanded: 'busybox' },
      { kind: 'from', line: 3, expanded: 'busybox' },
      ...[4, 5, 6].map((line) => ({ kind: 'copy-from', line, expanded: ['0', '+0', '00'][line - 4], stageRef: 0 })),
    ]);
    expect(interp.refusals).toMatchObject([{ line: 7, endLine: 7, message: 'invalid from flag value 1: refers to current build stage', reason: 'build' }]);
  });

  it('COPY --from is not expanded by Engine 20.10: $S stays $S (an image name the engine then rejects)', () => {
    const { interp, rec } = load('copy-from-variable');
    expect(refs(interp).at(-1)).toEqual({ kind: 'copy-from', line: 5, expanded: '$S' });
    expect(rec.error).toMatch(/^invalid from flag value \$S: invalid reference format/);
  });

  it('ARG before FROM: defaults, build args and ${X:-a} / ${X:+a}', () => {
    expect(load('arg-default').interp.imageRefs[0].expanded).toBe('busybox:latest');
    expect(load('arg-buildarg').interp.imageRefs[0].expanded).toBe('debian:bookworm-slim');
    expect(load('arg-unset-default').interp.imageRefs.map((r) => r.expanded)).toEqual(['busybox', 'busybox:latest', 'busybox']);
    expect(load('arg-unset-blank').interp.refusals).toMatchObject([{ line: 2, endLine: 2, message: 'base name ($IMG) should not be blank', reason: 'build' }]);
  });

  it('ONBUILD: a stage\'s triggers run at the FROM that uses it, with that stage\'s env', () => {
    const { interp } = load('onbuild');
    expect(interp.labelKeys).toContainEqual({ key: 'from.trigger', value: 'parent-env', line: 5, endLine: 5 });
    expect(interp.addSources).toContainEqual({ written: 'a.txt', expanded: 'a.txt', remote: false, line: 5, endLine: 5 });
    expect(interp.onbuildTriggers.map((t) => t.trigger)).toEqual(['LABEL from.trigger=$T', 'ADD   a.txt   /trig/']);
    const copy = load('onbuild-copy-from').interp;
    expect(refs(copy).at(-1)).toEqual({ kind: 'copy-from', line: 5, expanded: 'donor', stageRef: 0, trigger: 'COPY --from=donor /d /from-trigger' });
  });

  it('own ONBUILD triggers are stored as the engine stores them, and checked now', () => {
    const { interp, rec } = load('onbuild-trigger-text');
    expect(interp.onbuildTriggers.map((t) => t.trigger)).toEqual(rec.image!.onbuild);
    expect(interp.addSources).toEqual([{ written: 'http://127.0.0.1:1/x', expanded: 'http://127.0.0.1:1/x', remote: true, onbuild: true, line: 2, endLine: 2 }]);
  });

  it('escape directive with a backtick: continuation, escapes in labels and in ADD sources', () => {
    expect(load('escape-backtick').interp.escape).toBe('`');
    expect(load('escape-backtick-add').interp.addSources.map((s) => s.expanded)).toEqual(['a.txt', 'a`.txt']);
    expect(load('directive-late').interp.escape).toBe('\\');
  });

  it('remote sources in every spelling the grammar allows are remote; HTTP:// is a context path', () => {
    expect(load('remote-spellings').interp.addSources.map((s) => [s.expanded, s.remote])).toEqual([['HTTP://127.0.0.1:1/upper', false], ['http://127.0.0.1:1/quoted', true]]);
    for (const name of ['remote-quoted', 'remote-escaped', 'remote-json', 'remote-variable']) {
      expect(load(name).interp.addSources.every((s) => s.remote)).toBe(true);
    }
  });

  it('JSON form: trailing words after the array are ignored; a broken array is shell form', () => {
    const { interp } = load('json-forms');
    expect(interp.addSources.map((s) => s.expanded)).toEqual(['a.txt', 'x y.txt', '[a.txt,']);
  });

  it('build args count only where an ARG declares them; ENV wins over ARG', () => {
    const { rec } = load('arg-in-stage');
    expect(rec.stream).toContain('[Warning] One or more build-args [U] were not consumed');
  });

  it('RUN --mount: refused, as the classic builder refuses it', () => {
    expect(load('run-mount').interp.refusals[0].message).toMatch(/^the --mount option requires BuildKit/);
  });
});

describe('what the caller knows about base images', () => {
  it("a base image's ONBUILD triggers run at its FROM, in the build's env and escape, and are checked like the Dockerfile's own", () => {
    const text = 'FROM parent:1\nENV LATER=1\n';
    const interp = interpretDockerfile(text, {
      envOf: () => ['URL=https://h/f', 'PATH=/bin'],
      onbuildOf: () => ['ADD $URL /f', 'LABEL owner=$URL', 'COPY --from=other:1 / /'],
    });
    expect(interp.refusals).toEqual([]);
    expect(interp.addSources).toEqual([{ written: '$URL', expanded: 'https://h/f', remote: true, line: 1, endLine: 1 }]);
    expect(interp.labelKeys).toEqual([{ key: 'owner', value: 'https://h/f', line: 1, endLine: 1 }]);
    expect(refs(interp)).toEqual([{ kind: 'from', line: 1, expanded: 'parent:1' }, { kind: 'copy-from', line: 1, expanded: 'other:1', trigger: 'COPY --from=other:1 / /' }]);
  });

  it("a trigger the engine cannot parse fails the FROM, as the engine's build would", () => {
    const interp = interpretDockerfile('FROM parent:1\n', { onbuildOf: () => ['RUNN x'] });
    expect(interp.refusals).toMatchObject([{ line: 1, reason: 'build', message: 'The base image\'s ONBUILD trigger "RUNN x" fails: unknown instruction: RUNN' }]);
  });

  it("without the base's env, a variable only the base could set is refused, one the Dockerfile sets is not", () => {
    const interp = interpretDockerfile('FROM x:1\nENV A=a.txt\nADD $A /\nARG B=b.txt\nADD $B /\n');
    expect(interp.addSources.map((s) => s.expanded)).toEqual(['a.txt']);
    expect(interp.refusals).toMatchObject([{ line: 5, reason: 'unknowable' }]);
    expect(interp.refusals[0].text!.zh).toContain('$B');
    // With the env known (and no B in it), the ARG's value is the one used.
    expect(interpretDockerfile('FROM x:1\nARG B=b.txt\nADD $B /\n', { envOf: () => [] }).addSources.map((s) => s.expanded)).toEqual(['b.txt']);
    // An ENV in the base wins over the ARG, as in the engine.
    expect(interpretDockerfile('FROM x:1\nARG B=b.txt\nADD $B /\n', { envOf: () => ['B=from-env'] }).addSources.map((s) => s.expanded)).toEqual(['from-env']);
  });

  it('build args only where an ARG declares them, proxies always', () => {
    const text = 'FROM x:1\nLABEL a=$A p=$HTTP_PROXY\nARG A\nLABEL a2=$A\n';
    const interp = interpretDockerfile(text, { envOf: () => [], buildArgs: { A: 'given', HTTP_PROXY: 'http://proxy' } });
    expect(interp.labelKeys.map((l) => [l.key, l.value])).toEqual([['a', ''], ['p', 'http://proxy'], ['a2', 'given']]);
  });
});

describe('rewriteImageReferences', () => {
  const id = `sha256:${'ab'.repeat(32)}`;
  it('keeps CRLF line ends, a BOM and every other line', () => {
    const text = '\uFEFFFROM busybox AS b\r\nCOPY --from=busybox \\\r\n  /a /b\r\nRUN x\r\n';
    const interp = interpretDockerfile(text);
    const out = rewriteImageReferences(text, interp, new Map(interp.imageRefs.map((r) => [r, id])));
    expect(out).toBe(`\uFEFFFROM ${id} AS b\r\nCOPY --from=${id} /a /b\r\n\r\nRUN x\r\n`);
  });
  it('refuses what it cannot write back: trigger references, short ids, foreign references', () => {
    const interp = interpretDockerfile('FROM p:1\n', { onbuildOf: () => ['COPY --from=o:1 / /'] });
    expect(() => rewriteImageReferences('FROM p:1\n', interp, new Map([[interp.imageRefs[1], id]]))).toThrow(/ONBUILD trigger/);
    expect(() => rewriteImageReferences('FROM p:1\n', interp, new Map([[interp.imageRefs[0], 'sha256:abc']]))).toThrow(/full image id/);
    expect(() => rewriteImageReferences('FROM p:1\n', interp, new Map([[{ ...interp.imageRefs[0] }, id]]))).toThrow(/not from this interpretation/);
  });
  it('a backtick escape keeps working after the rewrite', () => {
    const text = '# escape=`\nFROM busybox `\n  AS b\nRUN echo `\n  hi\n';
    const interp = interpretDockerfile(text);
    const out = rewriteImageReferences(text, interp, new Map([[interp.imageRefs[0], id]]));
    expect(out).toBe(`# escape=\`\nFROM ${id} AS b\n\nRUN echo \`\n  hi\n`);
    expect(parseDockerfile(out).instructions.map((i) => [i.keyword, i.line, i.endLine])).toEqual([['FROM', 2, 2], ['RUN', 4, 5]]);
  });
});

describe('what JavaScript and Go would read differently is refused', () => {
  it('references with letters outside ASCII (Go lower-cases U+0130 to i, JavaScript does not)', () => {
    expect(interpretDockerfile('FROM busybox AS bin\nFROM b\u0130n\n').refusals[0]).toMatchObject({ line: 2, reason: 'unknowable' });
    // In a flag it is caught earlier: Go reads flags byte by byte.
    expect(interpretDockerfile('FROM busybox AS bin\nFROM busybox\nCOPY --from=b\u0130n / /\n').refusals[0]).toMatchObject({ line: 3, message: expect.stringMatching(/outside ASCII/) });
  });
  it('a lone \\r inside a line and a lone surrogate', () => {
    expect(interpretDockerfile('FROM busybox\rRUN x\n').refusals[0]).toMatchObject({ line: 1, reason: 'unknowable' });
    expect(interpretDockerfile('FROM busybox\nLABEL a=\uD800\n').refusals[0]).toMatchObject({ line: 2, reason: 'unknowable' });
  });
});

describe('a fact that cannot be known', () => {
  it('is refused and left out, and the reading goes on to every later stage', () => {
    const interp = interpretDockerfile('FROM x:1\nARG S=s.txt\nADD $S /\nLABEL $S=1\nFROM y:2\nADD b.txt /\n');
    expect(interp.refusals.map((r) => [r.line, r.reason])).toEqual([[3, 'unknowable'], [4, 'unknowable']]);
    expect(interp.imageRefs.map((r) => r.expanded)).toEqual(['x:1', 'y:2']);
    expect(interp.addSources.map((s) => s.expanded)).toEqual(['b.txt']);
    expect(interp.labelKeys).toEqual([]);
  });
});

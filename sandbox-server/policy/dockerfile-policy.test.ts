import { describe, expect, it } from 'vitest';
import type { ImageReference } from '../../lib/dockerfile/interpretation';
import type { ImageDetails, ImageSummary } from '../engine/engine';
import { ownedSummary } from '../engine/name-owner';
import { Labels } from '../labels';
import { BuildPolicy, namespaceOf } from './build-policy';
import { checkBuildArgs, checkCommitChanges, isRemoteSource, isReservedLabel, resolveReference } from './dockerfile-policy';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';
const id = (c: string) => `sha256:${c.repeat(64)}`;
const BUSYBOX = id('1');
const DEBIAN = id('2');
const MINE = `sha256:abcd${'0'.repeat(60)}`;
const MINE_TOO = `sha256:abce${'0'.repeat(60)}`;
const THEIRS = `sha256:abcf${'0'.repeat(60)}`;
const TRIGGERED = id('7');

// As the engine adapter reports them: owners by name (engine/name-owner.ts).
const image = (Id: string, RepoTags: string[], labels: Record<string, string> = {}) => ownedSummary({ Id, RepoTags, Labels: labels } as unknown as ImageSummary);
const images: ImageSummary[] = [
  image(BUSYBOX, ['busybox:latest', 'busybox:1.35'], { [Labels.catalog]: 'busybox' }),
  image(DEBIAN, ['debian:bookworm-slim'], { [Labels.catalog]: 'debian' }),
  image(MINE, [`layerlab/s-${A}/mine:1`]),
  image(MINE_TOO, [`layerlab/s-${A}-keep/i:abce`, `localhost:5000/s-${A}/lab/hello:1`]),
  // Another session's, and one that claims session A by a planted label.
  image(THEIRS, [`layerlab/s-${B}/secret:1`], { [Labels.session]: A }),
  image(TRIGGERED, [`layerlab/s-${A}/triggers:1`]),
];
const onBuild: Record<string, string[]> = {
  [TRIGGERED]: [],
};
const engine = {
  inspectImage: async (ref: string) => ({ Id: ref, Config: { OnBuild: onBuild[ref] ?? null } }) as unknown as ImageDetails,
};
const policy = new BuildPolicy(engine);
const check = (dockerfile: string, buildArgs?: Record<string, string>) => policy.check({ sessionId: A, dockerfile, buildArgs }, images);
const refused = async (dockerfile: string, line: number, buildArgs?: Record<string, string>) => {
  const r = await check(dockerfile, buildArgs);
  expect(r, dockerfile).toMatchObject({ ok: false, line });
  return r.ok ? '' : r.message;
};
const accepted = async (dockerfile: string, buildArgs?: Record<string, string>) => {
  const r = await check(dockerfile, buildArgs);
  if (!r.ok) throw new Error(`refused on line ${r.line}: ${r.message}\n${dockerfile}`);
  expect(r.dockerfile.split('\n').length).toBe(dockerfile.split('\n').length);
  return r.dockerfile;
};

describe('resolution in the session namespace', () => {
  it('accepts catalog images with or without a tag, scratch and earlier stages; the engine gets ids', async () => {
    const text = 'FROM busybox AS build\nRUN true\nFROM scratch\nCOPY --from=build /bin/sh /sh\nFROM build\nFROM debian:bookworm-slim\n';
    const out = await accepted(text);
    const lines = out.split('\n');
    expect(lines[0]).toContain(BUSYBOX);
    expect(lines[0]).not.toMatch(/FROM\s+busybox/);
    expect(lines[2]).toBe('FROM scratch');
    expect(lines[3]).toBe('COPY --from=build /bin/sh /sh');
    expect(lines[4]).toBe('FROM build');
    expect(lines[5]).toContain(DEBIAN);
  });

  it("rewrites the session's own image, by name, registry name or id prefix, to its full id, keeping lines", async () => {
    const out = await accepted('# comment\nFROM  mine:1 AS base\nRUN echo mine:1\nFROM localhost:5000/lab/hello:1\nFROM abcd\nCOPY --from=sha256:abce /a /a\n');
    const lines = out.split('\n');
    expect(lines[0]).toBe('# comment');
    expect(lines[1]).toContain(MINE);
    expect(lines[2]).toBe('RUN echo mine:1');
    expect(lines[3]).toContain(MINE_TOO);
    expect(lines[4]).toContain(MINE);
    expect(lines[5]).toContain(MINE_TOO);
  });

  it('refuses an unknown image with its line and what may be used', async () => {
    const message = await refused('FROM busybox\nFROM alpine:3\n', 2);
    expect(message).toContain('alpine:3');
    expect(message).toContain('busybox:1.35, busybox:latest, debian:bookworm-slim');
    expect(message).toContain('scratch');
  });

  it.each([
    ['by its name', 'FROM bbbbbbbbbbbb/secret:1'],
    ['by its engine name', `FROM layerlab/s-${B}/secret:1`],
    ['by a full id', `FROM ${THEIRS}`],
    ['by an id prefix only it has', 'FROM abcf'],
    ['by an id prefix shared with own images', 'FROM abc'],
    ['in COPY --from', 'FROM busybox\nCOPY --from=abcf /x /x'],
    ['through an ARG', `ARG I=${THEIRS.slice(7, 20)}\nFROM $I`],
    ['through ENV in COPY --from', 'FROM busybox\nENV S=abcf\nCOPY --from=$S /x /x'],
    ['through a build arg', 'ARG I\nFROM ${I}'],
  ])("refuses another session's image %s", async (_what, text) => {
    const r = await check(`${text}\n`, { I: 'abcf' });
    expect(r.ok).toBe(false);
    // Nothing beyond what was written: no longer id, no name of theirs.
    if (!r.ok && !text.includes(THEIRS)) expect(r.message).not.toContain(THEIRS);
  });

  it('resolves ARG defaults and build args before FROM; an unset one is refused', async () => {
    expect((await accepted('ARG V=1.35\nFROM busybox:${V}\n')).split('\n')[1]).toContain(BUSYBOX);
    expect((await accepted('ARG V\nFROM busybox:$V\n', { V: 'latest' })).split('\n')[1]).toContain(BUSYBOX);
    await refused('ARG V\nFROM busybox:$V\n', 2);
  });

  it('takes stage numbers in COPY --from only, and stage names in any case', async () => {
    await accepted('FROM busybox AS Build\nRUN true\nFROM BUILD\nFROM busybox\nCOPY --from=0 /x /x\nCOPY --from=bUiLd /x /x\n');
    // The engine reads `FROM 0` as an image named 0 (checked on 20.10).
    await refused('FROM busybox\nFROM 0\n', 2);
    // A stage that has not ended yet is no stage.
    await refused('FROM busybox AS one\nCOPY --from=one /x /x\n', 2);
    await refused('FROM busybox\nCOPY --from=1 /x /x\n', 2);
  });

  it('refuses COPY --from an image outside the catalog, and digests', async () => {
    await refused('FROM busybox\nCOPY --from=evil/image /x /x\n', 2);
    await refused(`FROM busybox@${BUSYBOX}\n`, 1);
  });

  it('resolves a reference on its own, table-driven', () => {
    const ns = namespaceOf(A, images);
    const ref = (expanded: string, kind: ImageReference['kind'] = 'from', stageRef?: number): ImageReference => ({ kind, stage: 1, written: expanded, expanded, line: 1, endLine: 1, stageRef });
    const stages = { names: new Set(['build']), count: 1 };
    expect(resolveReference(ref('busybox'), ns, stages)).toEqual({ kind: 'image', id: BUSYBOX });
    expect(resolveReference(ref('docker.io/library/busybox:1.35'), ns, stages)).toEqual({ kind: 'image', id: BUSYBOX });
    expect(resolveReference(ref('mine:1'), ns, stages)).toEqual({ kind: 'image', id: MINE });
    expect(resolveReference(ref('mine'), ns, stages).kind).toBe('refused');
    expect(resolveReference(ref('BUILD', 'from', 0), ns, stages)).toEqual({ kind: 'stage' });
    expect(resolveReference(ref('0', 'copy-from', 0), ns, stages)).toEqual({ kind: 'stage' });
    // Where the interpretation and the policy would read it differently: refused.
    expect(resolveReference(ref('BUILD'), ns, stages).kind).toBe('refused');
    expect(resolveReference(ref('busybox', 'from', 0), ns, stages).kind).toBe('refused');
    expect(resolveReference(ref('scratch'), ns, stages)).toEqual({ kind: 'scratch' });
    expect(resolveReference(ref('Scratch'), ns, stages).kind).toBe('refused');
    expect(resolveReference(ref('abc'), ns, stages)).toMatchObject({ kind: 'refused', message: expect.stringContaining('more than one') });
    expect(resolveReference(ref('layerlab/s-aaaaaaaaaaaa/mine:1'), ns, stages).kind).toBe('refused');
  });
});

describe('no remote fetch', () => {
  it.each([
    'ADD https://example.com/x.tgz /x',
    'ADD --chown=1:1 http://example.com/a /a',
    'ADD ["git://example.com/repo", "/r"]',
    'ADD git@github.com:x/y.git /y',
    'ONBUILD ADD https://example.com/later.tgz /later',
    'add http://172.17.0.1:4000/healthz /h',
    'ADD "http://172.17.0.1:4000/healthz" /h',
    'ADD [ "https://x/y" , "/z" ]',
    'ADD HTTP://172.17.0.1/ /h',
    'ADD \\\n  http://172.17.0.1/ \\\n  /h',
    'ADD ftp://example.com/f /f',
  ])('refuses %s', async (line) => {
    const message = await refused(`FROM busybox\n${line}\n`, 2);
    expect(message).toContain('URL');
  });

  it.each([
    ['an ENV variable', 'FROM busybox\nENV U=http://172.17.0.1:4000/healthz\nADD $U /x\n', 3],
    ['an ARG default', 'FROM busybox\nARG U=https://x/y\nADD ${U} /x\n', 3],
    ['a build arg', 'FROM busybox\nARG U\nADD $U /x\n', 3],
    ['pieces of variables', 'FROM busybox\nENV S=http H=172.17.0.1\nADD ${S}://${H}/ /x\n', 3],
    ['a continuation with comment lines', 'FROM busybox\nADD \\\n# a comment\n\n  http://172.17.0.1/ /x\n', 2],
    ['an escape directive', '# escape=`\nFROM busybox\nADD `\n  http://172.17.0.1/ /x\n', 3],
  ])('refuses a URL spelled with %s', async (_what, text, line) => {
    await refused(text, line, { U: 'http://172.17.0.1:4000/' });
  });

  it('lets ADD of a context file through', async () => {
    await accepted('FROM busybox\nADD app.tar.gz /app\nADD ["a b", "/c"]\n');
  });

  it('knows a remote source when it sees one', () => {
    for (const s of ['http://x', 'HTTPS://x', 'git://x', 'git@host:r.git', 'ssh://h/r', 'github.com/a/b', 's3://b/k', ' http://x']) expect(isRemoteSource(s), s).toBe(true);
    for (const s of ['app.tar.gz', 'dir/', 'http', 'a:b', '/abs']) expect(isRemoteSource(s), s).toBe(false);
  });
});

describe('the reserved label namespace', () => {
  it.each([
    ['LABEL', 'LABEL org.layerlab.session=bbbbbbbbbbbb', 2],
    ['LABEL, quoted', 'LABEL "org.layerlab.kind"="marker"', 2],
    ['LABEL, among others', 'LABEL a=1 org.layerlab.starter=0123456789abcdef b=2', 2],
    ['LABEL, old form', 'LABEL org.layerlab.session bbbbbbbbbbbb', 2],
    ['LABEL, upper case', 'LABEL ORG.LAYERLAB.SESSION=x', 2],
    ['ONBUILD LABEL', 'ONBUILD LABEL org.layerlab.session=x', 2],
  ])('refuses %s', async (_what, text, line) => {
    const message = await refused(`FROM busybox\n${text}\n`, line);
    expect(message).toContain('org.layerlab');
  });

  it.each([
    ['an ARG', 'FROM busybox\nARG K=org.layerlab.session\nLABEL $K=x\n', 3],
    ['an ENV', 'FROM busybox\nENV K=org.layerlab\nLABEL ${K}.session=x\n', 3],
    ['an ARG in ONBUILD LABEL', 'FROM busybox\nARG K=org.layerlab.kind\nONBUILD LABEL $K=marker\n', 3],
  ])('refuses a key spelled with %s', async (_what, text, line) => {
    await refused(text, line);
  });

  it('refuses a build arg that carries it, and odd build args', async () => {
    expect(checkBuildArgs({ K: 'org.layerlab.session' })).toContain('org.layerlab');
    expect(checkBuildArgs({ 'A-B': '1' })).toContain('not a build argument name');
    expect(checkBuildArgs({ A: '1', B_2: 'x' })).toBeUndefined();
    const r = await check('FROM busybox\nARG K\nLABEL $K=x\n', { K: 'org.layerlab.session' });
    expect(r).toMatchObject({ ok: false });
  });

  it('refuses commit changes that set it, in any spelling, naming the change', () => {
    expect(checkCommitChanges(['ENV A=1', 'LABEL ok=1', 'CMD ["sh"]'], [])).toBeUndefined();
    expect(checkCommitChanges(undefined, [])).toBeUndefined();
    expect(checkCommitChanges(['LABEL ok=1', 'LABEL org.layerlab.session=x'], [])).toMatch(/^Change 2 .*org\.layerlab/);
    expect(checkCommitChanges(['ENV K=org.layerlab.kind', 'LABEL $K=marker'], [])).toMatch(/^Change 2/);
    expect(checkCommitChanges(['LABEL $K=marker'], ['K=org.layerlab.kind'])).toMatch(/^Change 1/);
    expect(checkCommitChanges(['ONBUILD LABEL "org.layerlab.session"=x'], [])).toMatch(/^Change 1/);
    expect(checkCommitChanges(['ONBUILD ADD http://172.17.0.1/ /x'], [])).toMatch(/URL/);
    expect(checkCommitChanges(['RUN rm -rf /'], [])).toMatch(/^Change 1/);
    expect(checkCommitChanges(Array.from({ length: 11 }, () => 'ENV A=1'), [])).toMatch(/At most 10/);
  });

  it('knows its keys', () => {
    expect(isReservedLabel('org.layerlab')).toBe(true);
    expect(isReservedLabel('Org.LayerLab.x')).toBe(true);
    expect(isReservedLabel('org.layerlabs.x')).toBe(false);
    expect(isReservedLabel('com.example.org.layerlab')).toBe(false);
  });
});

describe('ONBUILD triggers of a base image', () => {
  it.each([
    ['a remote ADD', ['ADD http://172.17.0.1:4000/healthz /h']],
    ['a reserved label', ['LABEL org.layerlab.session=bbbbbbbbbbbb']],
    ['a copy from another image', ['COPY --from=abcf /x /x']],
    ['a copy from a catalog image (the engine would resolve the name)', ['COPY --from=busybox /bin/sh /sh']],
  ])('refuses %s on the FROM line', async (_what, triggers) => {
    onBuild[TRIGGERED] = triggers;
    try {
      await refused('FROM busybox AS one\nRUN true\nFROM triggers:1\nRUN true\n', 3);
    } finally { onBuild[TRIGGERED] = []; }
  });

  it('lets harmless triggers and copies from earlier stages run', async () => {
    onBuild[TRIGGERED] = ['RUN echo hi', 'COPY --from=one /bin/sh /sh2'];
    try {
      const out = await accepted('FROM busybox AS one\nRUN true\nFROM triggers:1\n');
      expect(out.split('\n')[2]).toContain(TRIGGERED);
    } finally { onBuild[TRIGGERED] = []; }
  });

  it("checks a learner's own ONBUILD when written", async () => {
    await refused('FROM busybox\nONBUILD ADD http://x/y /y\n', 2);
  });
});

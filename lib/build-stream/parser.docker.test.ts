// The parser and the history matcher against the real engine (classic
// builder over the Engine API), not only against recorded streams: what the
// events say must agree with what the engine then reports about the image.
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { pack } from 'tar-stream';
import { matchHistoryToDockerfile } from '../dockerfile/history-match';
import { parseDockerfile } from '../dockerfile/model';
import { BuildEvent } from '../protocol';
import { applyBuildEvent, startBuildProgress } from '../world/build-progress';
import { createBuildStreamParser } from './parser';

const SOCKET = process.env.DOCKER_SOCKET ?? '/var/run/docker.sock';
const LABEL = 'org.layerlab.test';
const LABEL_VALUE = `lib-build-stream-${process.pid}`;
const run = `${process.pid}-${Date.now()}`;
const leftovers = new Set<string>(); // image ids to remove, newest last

function request(method: string, path: string, body?: Buffer, signal?: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: SOCKET, method, path, signal, headers: body ? { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } : {} }, resolve);
    req.on('error', reject);
    req.end(body);
  });
}

async function json(method: string, path: string): Promise<unknown> {
  const res = await request(method, path);
  let text = '';
  for await (const chunk of res) text += chunk;
  if ((res.statusCode ?? 500) >= 300) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function contextTar(files: Record<string, string>): Promise<Buffer> {
  const p = pack();
  for (const [name, content] of Object.entries(files)) p.entry({ name }, content);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

interface Built { events: BuildEvent[]; status: number }

// Streams a build through the parser exactly as the server does: every
// message as it arrives, then end(). `abortAfter` drops the connection once
// the given text has been output, to cancel mid-step.
async function build(dockerfile: string, opts: { tag?: string; nocache?: boolean; files?: Record<string, string>; abortAfter?: string } = {}): Promise<Built> {
  const model = parseDockerfile(dockerfile);
  const parser = createBuildStreamParser(model, { tag: opts.tag ?? null });
  const tar = await contextTar({ Dockerfile: dockerfile, ...opts.files });
  // Two labels, as the server sets several: the engine still adds one step.
  const labels = encodeURIComponent(JSON.stringify({ [LABEL]: LABEL_VALUE, 'org.layerlab.run': run }));
  const query = `rm=1&forcerm=1&labels=${labels}${opts.nocache ? '&nocache=1' : ''}${opts.tag ? `&t=${encodeURIComponent(opts.tag)}` : ''}`;
  const controller = new AbortController();
  const events: BuildEvent[] = [];
  const res = await request('POST', `/v1.41/build?${query}`, tar, controller.signal);
  let buffer = '';
  try {
    for await (const chunk of res) {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl).trim();
        buffer = buffer.slice(nl + 1);
        if (line) events.push(...parser.push(JSON.parse(line)));
      }
      if (opts.abortAfter && events.some((e) => e.type === 'output' && e.text.includes(opts.abortAfter!))) controller.abort();
    }
    if (buffer.trim()) events.push(...parser.push(JSON.parse(buffer)));
  } catch (err) {
    if (!controller.signal.aborted) throw err;
  }
  events.push(...parser.end());
  for (const e of events) {
    expect(BuildEvent.parse(e)).toEqual(e);
    if (e.type === 'layer' && !model.instructions.some((i) => i.step === e.index && i.keyword === 'FROM')) leftovers.add(e.imageId);
    if (e.type === 'done') leftovers.add(e.imageId);
  }
  return { events, status: res.statusCode ?? 0 };
}

const ofType = <T extends BuildEvent['type']>(events: BuildEvent[], type: T) =>
  events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);

afterAll(async () => {
  // Newest first: a parent image cannot go while a child still needs it.
  for (const id of [...leftovers].reverse()) {
    await request('DELETE', `/v1.41/images/${id}?force=1`).then((r) => r.resume(), () => undefined);
  }
  const labelled = await json('GET', `/v1.41/images/json?filters=${encodeURIComponent(JSON.stringify({ label: [`${LABEL}=${LABEL_VALUE}`] }))}`) as { Id: string }[];
  for (const i of labelled) await request('DELETE', `/v1.41/images/${i.Id}?force=1`).then((r) => r.resume(), () => undefined);
});

describe('build stream parser against the real engine', () => {
  const dockerfile = [
    'FROM busybox:latest',
    `ENV RUN_ID=${run}`,
    'WORKDIR /app',
    'COPY note.txt ./',
    'RUN echo "out $RUN_ID" \\',
    '    && echo "err" >&2 \\',
    '    && cat note.txt > copy.txt',
    'CMD ["cat", "/app/copy.txt"]',
  ].join('\n');
  const files = { 'note.txt': 'a note\n' };
  const tag = `layerlab-test/parser-${process.pid}:1`;

  it('reports each step at its Dockerfile line, its output, and a done whose image really exists', async () => {
    const { events } = await build(dockerfile, { tag, nocache: true, files });
    const steps = ofType(events, 'step');
    expect(steps.map((s) => [s.index, s.line, s.endLine, s.total])).toEqual([[1, 1, 1, 6], [2, 2, 2, 6], [3, 3, 3, 6], [4, 4, 4, 6], [5, 5, 7, 6], [6, 8, 8, 6]]);
    const output = ofType(events, 'output');
    expect(output.filter((o) => o.index === 5 && !o.stderr).map((o) => o.text).join('')).toBe(`out ${run}\n`);
    expect(output.filter((o) => o.index === 5 && o.stderr).map((o) => o.text).join('')).toBe('err\n');
    expect(ofType(events, 'container').map((c) => c.index)).toEqual([2, 3, 5, 6]);
    expect(ofType(events, 'layer').every((l) => !l.cached)).toBe(true);

    const done = events[events.length - 1];
    expect(done).toMatchObject({ type: 'done', tag });
    if (done.type !== 'done') throw new Error('no done');
    const inspected = await json('GET', `/v1.41/images/${encodeURIComponent(tag)}/json`) as { Id: string };
    expect(inspected.Id).toBe(done.imageId);

    // The layers the events named are the image's history, and the history
    // matcher puts each back on the line that made it.
    const history = (await json('GET', `/v1.41/images/${done.imageId}/history`) as { Id: string; CreatedBy: string }[]).reverse();
    const layers = ofType(events, 'layer');
    // Each build label is a LABEL step of its own on top (sorted by key).
    expect(history.slice(-2).map((h) => h.CreatedBy)).toEqual([
      `/bin/sh -c #(nop)  LABEL org.layerlab.run=${run}`, `/bin/sh -c #(nop)  LABEL ${LABEL}=${LABEL_VALUE}`,
    ]);
    const own = history.slice(-2 - (layers.length - 1), -2);
    expect(own.map((h) => h.Id.replace('sha256:', '').slice(0, 12))).toEqual(layers.slice(1).map((l) => l.imageId));
    const lines = matchHistoryToDockerfile(history.map((h) => ({ createdBy: h.CreatedBy })), parseDockerfile(dockerfile));
    expect(lines.slice(-7)).toEqual([2, 3, 4, 5, 8, undefined, undefined]);
    expect(lines.slice(0, -7).every((l) => l === undefined)).toBe(true);
  });

  it('rebuilding hits the cache on every step and ends at the same image', async () => {
    const first = await json('GET', `/v1.41/images/${encodeURIComponent(tag)}/json`) as { Id: string };
    const { events } = await build(dockerfile, { tag, files });
    expect(ofType(events, 'layer').slice(1).map((l) => l.cached)).toEqual([true, true, true, true, true]);
    expect(ofType(events, 'container')).toEqual([]);
    expect(events[events.length - 1]).toEqual({ type: 'done', imageId: first.Id, tag });
    const progress = events.reduce(applyBuildEvent, startBuildProgress('cached'));
    expect(progress.status).toBe('done');
    expect(progress.steps.every((s) => s.phase === 'done')).toBe(true);
  });

  it('a failing RUN ends in one error carrying its step, line and exit code', async () => {
    const failing = `FROM busybox:latest\nRUN echo ${run}\n\nRUN echo going \\\n  && exit 7\nRUN echo never\n`;
    const { events } = await build(failing, { nocache: true });
    const terminal = events.filter((e) => e.type === 'done' || e.type === 'error');
    expect(terminal).toEqual([expect.objectContaining({ type: 'error', index: 3, line: 4, exitCode: 7, code: 'step-failed' })]);
    expect(events[events.length - 1]).toBe(terminal[0]);
    expect(ofType(events, 'output').filter((o) => o.index === 3).map((o) => o.text).join('')).toBe('going\n');
  });

  it('a Dockerfile the engine cannot parse is refused with its line', async () => {
    const { events, status } = await build('FROM busybox:latest\nCOPY a b\nRUNN nothing\n');
    expect(status).toBe(400);
    expect(events).toEqual([expect.objectContaining({ type: 'error', index: 3, line: 3, code: 'parse' })]);
  });

  it('dropping the connection mid-step cancels the build: an error, no image, no container left', async () => {
    const { events } = await build(`FROM busybox:latest\nRUN echo started-${run} && sleep 60\n`, { nocache: true, abortAfter: `started-${run}` });
    expect(events[events.length - 1]).toMatchObject({ type: 'error', index: 2, line: 2, code: 'incomplete' });
    const container = ofType(events, 'container')[0].containerId;
    // forcerm: the engine removes the intermediate container once it notices.
    let gone = false;
    for (let i = 0; i < 40 && !gone; i++) {
      const res = await request('GET', `/v1.41/containers/${container}/json`);
      res.resume();
      gone = res.statusCode === 404;
      if (!gone) await new Promise((r) => setTimeout(r, 250));
    }
    expect(gone).toBe(true);
  });
});

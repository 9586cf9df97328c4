// The live channel against the real engine: snapshot on connect, build
// events, world updates from engine events, diff refresh after exec, and an
// interactive terminal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { BuildEnvelope, SocketEvents, WorldUpdate } from '../../lib/protocol';
import { Client, docker, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let socket: Socket;
const updates: WorldUpdate[] = [];
const builds: BuildEnvelope[] = [];

function waitFor<T>(what: string, find: () => T | undefined, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      const found = find();
      if (found !== undefined) return resolve(found);
      if (Date.now() - t0 > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

beforeAll(async () => {
  s = await startServer();
  a = await Client.create(s.base);
  socket = connect(s.base, { auth: { token: a.token }, transports: ['websocket'], reconnection: false });
  socket.on(SocketEvents.world, (u: unknown) => updates.push(WorldUpdate.parse(u)));
  socket.on(SocketEvents.build, (b: unknown) => builds.push(BuildEnvelope.parse(b)));
  await new Promise<void>((resolve, reject) => { socket.on('connect', () => resolve()); socket.on('connect_error', reject); });
});
afterAll(async () => {
  await a?.remove();
  socket?.close();
  await s?.server.close();
});

describe('socket channel', () => {
  it('refuses a handshake without a live session\'s token', async () => {
    const bad = connect(s.base, { auth: { token: 'nope' }, transports: ['websocket'], reconnection: false });
    const err = await new Promise<Error>((resolve) => bad.on('connect_error', resolve));
    expect(err.message).toContain('unauthorized');
    bad.close();
  });

  it('sends a snapshot on connect and on request', async () => {
    const first = await waitFor('snapshot', () => updates.find((u) => u.type === 'snapshot'));
    if (first.type !== 'snapshot') throw new Error('not a snapshot');
    expect(first.snapshot.sessionId).toBe(a.id);
    expect(first.snapshot.containers).toEqual([]);
    expect(first.snapshot.images.some((i) => i.catalog && i.tags.includes('busybox:latest'))).toBe(true);
    const count = updates.filter((u) => u.type === 'snapshot').length;
    socket.emit(SocketEvents.snapshotRequest);
    await waitFor('second snapshot', () => (updates.filter((u) => u.type === 'snapshot').length > count ? true : undefined));
  });

  it('relays every build event of an HTTP build, and the new image', async () => {
    const r = await a.build({ dockerfile: 'FROM busybox\nRUN echo live > /live\nCMD ["sleep","300"]\n', tag: 'live:1' });
    const done = r.events[r.events.length - 1];
    expect(done.type).toBe('done');
    await waitFor('build done on the socket', () => builds.find((b) => b.event.type === 'done'));
    const ids = new Set(builds.map((b) => b.buildId));
    expect(ids.size).toBe(1);
    expect(builds.map((b) => b.event)).toEqual(r.events);
    builds.length = 0;
    const image = await waitFor('image update', () => updates.find((u) => u.type === 'image' && u.image.tags.includes('live:1')));
    if (image.type === 'image') expect(image.image.id).toBe((done as { imageId: string }).imageId);
  });

  it('runs a build started over the socket and can cancel one', async () => {
    const ack = await socket.timeout(5000).emitWithAck(SocketEvents.buildStart, { dockerfile: 'FROM busybox\nRUN echo via-socket\n', tag: 'sock:1' });
    expect(ack.buildId).toEqual(expect.any(String));
    const done = await waitFor('socket build done', () => builds.find((b) => b.buildId === ack.buildId && b.event.type === 'done'), 30_000);
    expect(done.event).toMatchObject({ type: 'done', tag: 'sock:1' });
    expect(builds.some((b) => b.buildId === ack.buildId && b.event.type === 'output' && b.event.text.includes('via-socket'))).toBe(true);
    const slow = await socket.timeout(5000).emitWithAck(SocketEvents.buildStart, { dockerfile: 'FROM busybox\nRUN sleep 30\n', noCache: true });
    await waitFor('slow build running', () => builds.find((b) => b.buildId === slow.buildId && b.event.type === 'container'), 10_000);
    expect((await socket.timeout(5000).emitWithAck(SocketEvents.buildCancel, { buildId: slow.buildId })).ok).toBe(true);
    const end = await waitFor('cancelled', () => builds.find((b) => b.buildId === slow.buildId && b.event.type === 'error'), 10_000);
    expect(end.event).toMatchObject({ type: 'error', code: 'cancelled' });
  });

  it('follows a container from the engine\'s events and refreshes its diff after an exec', async () => {
    const c = (await a.req('POST', '/containers', { image: 'live:1' })).body;
    await waitFor('created', () => updates.find((u) => u.type === 'container' && u.container.id === c.id && u.container.state === 'created'));
    await a.req('POST', `/containers/${c.id}/start`);
    await waitFor('running', () => updates.find((u) => u.type === 'container' && u.container.id === c.id && u.container.state === 'running'));
    const t0 = Date.now();
    const exec = await a.req('POST', `/containers/${c.id}/exec`, { cmd: ['sh', '-c', 'echo hi > /from-exec'] });
    expect(exec.body.exitCode).toBe(0);
    const diff = await waitFor('diff update', () => updates.find((u) => u.type === 'diff' && u.containerId === c.id && u.diff.some((d) => d.path === '/from-exec')));
    expect(Date.now() - t0).toBeLessThan(1000);
    if (diff.type === 'diff') expect(diff.diff).toContainEqual({ path: '/from-exec', kind: 'A' });
    expect(docker('diff', c.id)).toContain('A /from-exec');
  });

  it('runs an interactive terminal: echo, exit code, and the diff it causes', async () => {
    const c = (await a.req('GET', '/containers')).body.find((x: { state: string }) => x.state === 'running');
    const opened = await socket.timeout(5000).emitWithAck(SocketEvents.terminalOpen, { containerId: c.id, cols: 100, rows: 30 });
    expect(opened.terminalId).toEqual(expect.any(String));
    let output = '';
    let exit: { exitCode: number } | undefined;
    socket.on(SocketEvents.terminalData, (m: { terminalId: string; data: string }) => { if (m.terminalId === opened.terminalId) output += m.data; });
    socket.on(SocketEvents.terminalExit, (m: { terminalId: string; exitCode: number }) => { if (m.terminalId === opened.terminalId) exit = m; });
    expect(await socket.timeout(5000).emitWithAck(SocketEvents.terminalResize, { terminalId: opened.terminalId, cols: 120, rows: 40 })).toEqual({ ok: true });
    socket.emit(SocketEvents.terminalInput, { terminalId: opened.terminalId, data: 'echo sum-$((40+2)); stty size; touch /from-tty\n' });
    await waitFor('echo', () => (output.includes('sum-42') ? true : undefined));
    await waitFor('resize', () => (output.includes('40 120') ? true : undefined));
    await waitFor('diff from terminal', () => updates.find((u) => u.type === 'diff' && u.diff.some((d) => d.path === '/from-tty')));
    socket.emit(SocketEvents.terminalInput, { terminalId: opened.terminalId, data: 'exit 5\n' });
    await waitFor('exit', () => exit);
    expect(exit!.exitCode).toBe(5);
  });

  it('refuses a terminal in another session\'s or a stopped container', async () => {
    const reply = await socket.timeout(5000).emitWithAck(SocketEvents.terminalOpen, { containerId: 'ffffffffffff' });
    expect(reply.error.code).toBe('not_found');
  });

  it('reports a container\'s removal, a commit and an image\'s removal', async () => {
    const c = (await a.req('GET', '/containers')).body[0];
    const commit = await a.req('POST', `/containers/${c.id}/commit`, { tag: 'committed:1' });
    expect(commit.status).toBe(201);
    await waitFor('committed image', () => updates.find((u) => u.type === 'image' && u.image.id === commit.body.imageId && u.image.committedFrom === c.id));
    await a.req('DELETE', `/containers/${c.id}`);
    await waitFor('removed', () => updates.find((u) => u.type === 'container-removed' && u.id === c.id));
    expect((await a.req('DELETE', '/images/committed:1')).status).toBe(200);
    await waitFor('image removed', () => updates.find((u) => u.type === 'image-removed' && u.id === commit.body.imageId));
  });

  it('is disconnected when its session is deleted', async () => {
    const b = await Client.create(s.base);
    const other = connect(s.base, { auth: { token: b.token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve) => other.on('connect', () => resolve()));
    const gone = new Promise<string>((resolve) => other.on('disconnect', (reason) => resolve(reason)));
    expect((await b.remove()).status).toBe(200);
    expect(await gone).toBe('io server disconnect');
  });
});

// A page that stops reading while its terminal floods and its container
// changes files: the server pauses the terminal and holds the diffs back,
// and once the page reads again it gets the container's latest diff, the
// same as docker diff says.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Socket as NetSocket } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { SocketEvents, WorldUpdate } from '../../lib/protocol';
import { Client, docker, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let sock: Socket;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  s = await startServer();
  a = await Client.create(s.base);
});
afterAll(async () => {
  sock?.close();
  await a?.remove();
  await s?.server.close();
});

it('sends the latest diff to a page that was behind, once it reads again', async () => {
  const c = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sleep', '600'] });
  expect(c.status).toBe(201);
  const id = c.body.id as string;
  expect((await a.req('POST', `/containers/${id}/start`)).status).toBe(200);

  sock = connect(s.base, { auth: { token: a.token }, transports: ['websocket'], reconnection: false });
  await new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('connect_error', reject); });
  const diffs: string[][] = [];
  let terminalBytes = 0;
  sock.on(SocketEvents.world, (raw: unknown) => {
    const u = WorldUpdate.parse(raw);
    if (u.type === 'diff' && u.containerId === id) diffs.push(u.diff.map((e) => e.path));
  });
  sock.on(SocketEvents.terminalData, (m: { data: string }) => { terminalBytes += m.data.length; });
  const t = await sock.timeout(15_000).emitWithAck(SocketEvents.terminalOpen, { containerId: id, cmd: ['sh', '-c', "while :; do head -c 10000000 /dev/zero | tr '\\0' y; done"] });
  expect(t.terminalId).toMatch(/^[0-9a-f]{12}$/);

  const tcp = (sock.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;
  // The page stops reading; the flood fills what the socket may hold, then
  // the files are made while it is behind, and nothing changes after that:
  // only the held-back diff can tell the page about them.
  tcp.pause();
  await sleep(3000);
  const made = await a.req('POST', `/containers/${id}/exec`, { cmd: ['sh', '-c', 'i=0; while [ $i -lt 40 ]; do touch /f$i; i=$((i+1)); done; touch /done'] });
  expect(made.body.exitCode).toBe(0);
  await sleep(2000);
  sock.emit(SocketEvents.terminalClose, { terminalId: t.terminalId });
  tcp.resume();

  const wanted = docker('diff', id).split('\n').map((l) => l.slice(2)).filter((p) => /^\/(f\d+|done)$/.test(p)).sort();
  expect(wanted).toHaveLength(41);
  let last: string[] = [];
  for (let i = 0; i < 150; i++) {
    last = (diffs[diffs.length - 1] ?? []).filter((p) => /^\/(f\d+|done)$/.test(p)).sort();
    if (last.length === wanted.length) break;
    await sleep(100);
  }
  expect(last).toEqual(wanted);
  expect(terminalBytes).toBeGreaterThan(0);
});

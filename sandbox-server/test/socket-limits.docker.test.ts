// Per-session limits of the socket: sockets held at once and terminals open
// at once (over all of a session's sockets), each refused with a clear
// reason when hit and available again once one is given back; another
// session is not affected. And the calls one connection may make a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { SocketEvents } from '../../lib/protocol';
import { Client, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let b: Client;
let running: string;
const opened: Socket[] = [];

function open(token: string): Promise<Socket> {
  const sock = connect(s.base, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  opened.push(sock);
  return new Promise((resolve, reject) => {
    sock.once('connect', () => resolve(sock));
    sock.once('connect_error', reject);
  });
}

beforeAll(async () => {
  s = await startServer({ LAYERLAB_SOCKETS_PER_SESSION: '3', LAYERLAB_TERMINALS_PER_SESSION: '2', LAYERLAB_SOCKET_CALLS: '50' });
  a = await Client.create(s.base);
  b = await Client.create(s.base);
  const c = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sleep', '600'] });
  expect(c.status).toBe(201);
  running = c.body.id;
  expect((await a.req('POST', `/containers/${running}/start`)).status).toBe(200);
});
afterAll(async () => {
  for (const sock of opened) sock.close();
  await a?.remove();
  await b?.remove();
  await s?.server.close();
});

describe('per-session socket limits', () => {
  it('refuses a session\'s socket over LAYERLAB_SOCKETS_PER_SESSION, and takes one again once a socket goes', async () => {
    const held = [await open(a.token), await open(a.token), await open(a.token)];
    const err = await open(a.token).then(() => null, (e: Error) => e);
    expect(err?.message).toMatch(/^too_many_sockets: this session already has 3 connections open/);
    // Another session has its own allowance.
    expect((await open(b.token)).connected).toBe(true);
    held[0].close();
    let again: Socket | null = null;
    for (let i = 0; i < 50 && !again; i++) {
      again = await open(a.token).catch(() => null);
      if (!again) await new Promise((r) => setTimeout(r, 100));
    }
    expect(again?.connected).toBe(true);
    for (const sock of [...held, again!]) sock.close();
  });

  it('refuses a terminal over LAYERLAB_TERMINALS_PER_SESSION across sockets, and opens one again after a close', async () => {
    // Wait until the sockets of the last case are gone from the server.
    let one: Socket | null = null;
    for (let i = 0; i < 50 && !one; i++) {
      one = await open(a.token).catch(() => null);
      if (!one) await new Promise((r) => setTimeout(r, 100));
    }
    const two = await open(a.token);
    const first = await one!.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
    const second = await two.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
    expect(first.terminalId).toMatch(/^[0-9a-f]{12}$/);
    expect(second.terminalId).toMatch(/^[0-9a-f]{12}$/);
    const third = await two.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
    expect(third).toEqual({ error: { code: 'quota', message: expect.stringContaining('already has 2 terminals open') } });

    const exited = new Promise((resolve) => one!.on(SocketEvents.terminalExit, resolve));
    one!.emit(SocketEvents.terminalClose, { terminalId: first.terminalId });
    await exited;
    const fourth = await two.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
    expect(fourth.terminalId).toMatch(/^[0-9a-f]{12}$/);

    // The terminal still works: the limit did not break what was open.
    let out = '';
    two.on(SocketEvents.terminalData, (m: { terminalId: string; data: string }) => { if (m.terminalId === fourth.terminalId) out += m.data; });
    two.emit(SocketEvents.terminalInput, { terminalId: fourth.terminalId, data: 'echo lim-$((6*7))\n' });
    for (let i = 0; i < 100 && !out.includes('lim-42'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toContain('lim-42');

    // A socket that goes gives its terminals back.
    two.close();
    let reopened: { terminalId?: string; error?: unknown } = {};
    for (let i = 0; i < 50 && !reopened.terminalId; i++) {
      reopened = await one!.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
      if (!reopened.terminalId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(reopened.terminalId).toMatch(/^[0-9a-f]{12}$/);
    const more = await one!.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running });
    expect(more.terminalId).toMatch(/^[0-9a-f]{12}$/);
    expect(await one!.timeout(10_000).emitWithAck(SocketEvents.terminalOpen, { containerId: running })).toMatchObject({ error: { code: 'quota' } });
  });

  it('refuses calls over LAYERLAB_SOCKET_CALLS on one connection, and takes them again a moment later', async () => {
    let sock: Socket | null = null;
    for (let i = 0; i < 50 && !sock; i++) {
      sock = await open(b.token).catch(() => null);
      if (!sock) await new Promise((r) => setTimeout(r, 100));
    }
    const answers = await Promise.all(Array.from({ length: 300 }, () => sock!.timeout(15_000).emitWithAck(SocketEvents.buildCancel, { buildId: 'none' })));
    const refused = answers.filter((a) => a.error?.code === 'quota');
    const served = answers.filter((a) => a.ok === false && !a.error);
    expect(refused.length + served.length).toBe(300);
    // A burst of twice the rate is served; far fewer than all 300 are.
    expect(served.length).toBeGreaterThanOrEqual(100);
    expect(served.length).toBeLessThan(200);
    expect(refused[0].error.message).toContain('at most 50 a second');
    await new Promise((r) => setTimeout(r, 1500));
    expect(await sock!.timeout(15_000).emitWithAck(SocketEvents.buildCancel, { buildId: 'none' })).toEqual({ ok: false });
    sock!.close();
  });
});

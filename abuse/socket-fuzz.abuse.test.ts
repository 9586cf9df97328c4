// Every client event of the sandbox socket, sent as a hostile page would:
// malformed bodies (wrong types, missing and extra fields, huge strings,
// nested junk, prototype-pollution keys), hostile acknowledgements (a value
// where socket.io expects a function, an object with a call property, extra
// arguments), unknown event names, broken and oversized packets. The server
// runs as its own process: afterwards it must still be that process, answer
// /healthz, and serve a session that was open all along (its terminal still
// echoes, a build still runs). What the attacker's calls were answered is
// checked too: a stable error code, never a silence where an answer was asked.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { SocketEvents, sandboxClientEvents } from '../lib/protocol';
import { killHard, startChildServer, type ChildServer } from './support/child-server';
import { Client, engineObjects, sleep } from './support/sandbox';
import { brokenBodies, junkBodies, rawPackets, unknownEvents } from './support/socket-fuzz';

const PORT = 6410;
let child: ChildServer;
let victim: Client;
let attacker: Client;
let victimSocket: Socket;
let victimTerminal: string;
let victimOutput = '';
let victimContainer: string;
let attackerContainer: string;
const sockets: Socket[] = [];

async function open(token: string): Promise<Socket> {
  const sock = connect(child.base, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(sock);
  await new Promise<void>((resolve, reject) => { sock.once('connect', () => resolve()); sock.once('connect_error', reject); });
  return sock;
}

async function running(c: Client, cmd: string[]): Promise<string> {
  const r = await c.req('POST', '/containers', { image: 'busybox', cmd });
  expect(r.status).toBe(201);
  expect((await c.req('POST', `/containers/${r.body.id}/start`)).status).toBe(200);
  return r.body.id;
}

async function alive(): Promise<void> {
  expect(child.proc.exitCode, `server exited: ${child.output().slice(-3000)}`).toBeNull();
  expect((await fetch(`${child.base}/healthz`)).status).toBe(200);
}

beforeAll(async () => {
  // Shapes are tested here, not the per-socket call budget (socket-limits.docker.test.ts).
  child = await startChildServer(PORT, { LAYERLAB_SESSIONS_PER_HOST: '10000', LAYERLAB_REAPER_INTERVAL: '3600', LAYERLAB_SOCKET_CALLS: '1000000' });
  [victim, attacker] = await Promise.all([Client.create(child.base), Client.create(child.base)]);
  victimContainer = await running(victim, ['sleep', '900']);
  attackerContainer = await running(attacker, ['sleep', '900']);
  victimSocket = await open(victim.token);
  victimSocket.on(SocketEvents.terminalData, (m: { terminalId: string; data: string }) => { if (m.terminalId === victimTerminal) victimOutput += m.data; });
  const t = await victimSocket.timeout(15_000).emitWithAck(SocketEvents.terminalOpen, { containerId: victimContainer });
  victimTerminal = t.terminalId;
  expect(victimTerminal).toMatch(/^[0-9a-f]{12}$/);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  if (child && child.proc.exitCode === null) {
    await victim?.remove();
    await attacker?.remove();
  }
  if (child) await killHard(child);
  // A server that died left its sessions: start one to remove them.
  if (victim && engineObjects(victim.id).containers.length) {
    const again = await startChildServer(PORT, { LAYERLAB_SESSIONS_PER_HOST: '10000' });
    await victim.remove().catch(() => undefined);
    await new Client(again.base, attacker.id, attacker.token).remove().catch(() => undefined);
    await killHard(again);
  }
});

// A well-formed body of every client event (the attacker's own objects) and
// its required fields. The table's events and these must be the same set:
// a new event without a fuzz corpus fails here.
function wellFormed(terminalId: string): Record<string, { body: Record<string, unknown>; required: string[]; hugeStrings?: boolean }> {
  return {
    [SocketEvents.snapshotRequest]: { body: {}, required: [] },
    [SocketEvents.buildStart]: { body: { dockerfile: 'FROM busybox\nLABEL fuzz=1\n', tag: 'fuzz:1', noCache: false, files: { 'a.txt': 'x' } }, required: ['dockerfile'], hugeStrings: false },
    [SocketEvents.buildCancel]: { body: { buildId: 'abc' }, required: ['buildId'] },
    [SocketEvents.terminalOpen]: { body: { containerId: attackerContainer, cols: 80, rows: 24, cmd: ['/bin/sh'] }, required: ['containerId'] },
    [SocketEvents.terminalInput]: { body: { terminalId, data: 'true\n' }, required: ['terminalId', 'data'] },
    [SocketEvents.terminalResize]: { body: { terminalId, cols: 90, rows: 30 }, required: ['terminalId', 'cols', 'rows'] },
    [SocketEvents.terminalClose]: { body: { terminalId }, required: ['terminalId'] },
  };
}

const REFUSED = ['bad_request', 'too_large'];

describe('the sandbox socket under fuzzing', () => {
  it('covers every event of the table', () => {
    expect(Object.keys(wellFormed('0')).sort()).toEqual(Object.keys(sandboxClientEvents({ buildBytes: 1 })).sort());
  });

  it('answers every malformed body with a refusal, and with nothing when no answer was asked', async () => {
    const sock = await open(attacker.token);
    const own = await sock.timeout(15_000).emitWithAck(SocketEvents.terminalOpen, { containerId: attackerContainer });
    expect(own.terminalId).toMatch(/^[0-9a-f]{12}$/);
    let calls = 0;
    for (const [event, { body, required, hugeStrings }] of Object.entries(wellFormed(own.terminalId))) {
      for (const bad of [...junkBodies(), ...brokenBodies(body, required, hugeStrings)]) {
        const answer = await sock.timeout(15_000).emitWithAck(event, bad);
        expect(REFUSED, `${event} ${JSON.stringify(bad)?.slice(0, 200)} → ${JSON.stringify(answer)}`).toContain(answer?.error?.code);
        sock.emit(event, bad);
        calls += 2;
      }
    }
    expect(calls).toBeGreaterThan(300);
    sock.close();
    await alive();
  });

  it('takes hostile acknowledgements and extra arguments on every event without failing', async () => {
    const sock = await open(attacker.token);
    const own = await sock.timeout(15_000).emitWithAck(SocketEvents.terminalOpen, { containerId: attackerContainer });
    const events = Object.entries(wellFormed(own.terminalId));
    for (const [event, { body }] of events) {
      // Where socket.io would put the acknowledgement, a value that is not one.
      for (const notAFunction of [5, 'ack', null, { call: 'x' }, { apply: () => 1 }, [() => 1], JSON.parse('{"__proto__":{"call":1}}')]) {
        sock.emit(event, body, notAFunction);
      }
      sock.emit(event, body, 1, 2, 3);
      sock.emit(event);
    }
    await sleep(1000);
    await alive();
    for (const [event, { body }] of events) {
      const extra = await sock.timeout(15_000).emitWithAck(event, body, 'extra');
      expect(extra?.error?.code, `${event} with an extra argument`).toBe('bad_request');
      const many = await sock.timeout(15_000).emitWithAck(event, ...Array.from({ length: 50 }, (_, i) => ({ i })));
      expect(many?.error?.code, `${event} with 50 arguments`).toBe('bad_request');
    }
    await alive();
    sock.close();
  });

  it('answers unknown events with unknown_event and drops broken packets', async () => {
    const sock = await open(attacker.token);
    for (const event of unknownEvents) {
      const answer = await sock.timeout(15_000).emitWithAck(event, { a: 1 });
      expect(answer?.error?.code, JSON.stringify(event.slice(0, 40))).toBe('unknown_event');
      expect(answer.error.message.length).toBeLessThan(200);
      sock.emit(event, JSON.parse('{"__proto__":{"polluted":1}}'), 'x');
    }
    sock.close();
    for (const packet of rawPackets(Object.keys(wellFormed('0')))) {
      const raw = await open(attacker.token);
      (raw.io.engine as unknown as { send(p: string): void }).send(packet);
      await sleep(50);
      raw.close();
    }
    // One message over the socket's whole buffer: that connection is closed.
    const big = await open(attacker.token);
    const closed = new Promise<string>((resolve) => big.once('disconnect', (reason) => resolve(reason)));
    big.emit(SocketEvents.terminalInput, { terminalId: '000000000000', data: 'z'.repeat(14 * 1024 * 1024) });
    expect(await closed).toMatch(/transport (close|error)/);
    await alive();
  });

  it('still serves the session that was open all along, and nothing reached it', async () => {
    await alive();
    // The attacker's socket never had the victim's terminal.
    const sock = await open(attacker.token);
    const foreign = await sock.timeout(15_000).emitWithAck(SocketEvents.terminalInput, { terminalId: victimTerminal, data: 'touch /pwned\n' });
    expect(foreign.error.code).toBe('not_found');
    const foreignOpen = await sock.timeout(15_000).emitWithAck(SocketEvents.terminalOpen, { containerId: victimContainer });
    expect(foreignOpen.error.code).toBe('not_found');

    // The victim's terminal, open before the attack, still echoes.
    victimSocket.emit(SocketEvents.terminalInput, { terminalId: victimTerminal, data: 'echo still-$((6*7))\n' });
    for (let i = 0; i < 200 && !victimOutput.includes('still-42'); i++) await sleep(50);
    expect(victimOutput).toContain('still-42');
    expect(() => execFileSync('docker', ['exec', victimContainer, 'ls', '/pwned'], { stdio: 'pipe' })).toThrow();

    // And a build over its socket runs to the end.
    const events: { buildId: string; event: { type: string } }[] = [];
    victimSocket.on(SocketEvents.build, (b) => events.push(b));
    const ack = await victimSocket.timeout(15_000).emitWithAck(SocketEvents.buildStart, { dockerfile: 'FROM busybox\nRUN echo after-fuzz > /a\n', tag: 'after:1' });
    expect(ack.buildId).toEqual(expect.any(String));
    for (let i = 0; i < 600 && !events.some((b) => b.buildId === ack.buildId && ['done', 'error'].includes(b.event.type)); i++) await sleep(100);
    const last = events.filter((b) => b.buildId === ack.buildId).pop()?.event;
    expect(last?.type, JSON.stringify(last)).toBe('done');
    await alive();
    // Refusals are not failures: the server logged none.
    expect(child.output()).not.toMatch(/ failed: /);
  });
});

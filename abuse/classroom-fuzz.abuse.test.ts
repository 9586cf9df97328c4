// Every client event of the classroom socket, on every kind of connection
// (lobby, instructor, learner), sent as a hostile classmate would: bodies
// wrong in every way, hostile acknowledgements, unknown names, broken
// packets. The classroom server runs as its own process against its own
// SQLite file: afterwards it is still up, and a class the attacker never
// held (its instructor and a learner connected all along) still works: a
// report reaches the dashboard, a new learner joins, nothing of the
// attacker's reached it.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { ClassroomEvents as E } from '../lib/classroom/messages';
import { CLASSROOM_BUFFER_BYTES, InstructorEvents, LearnerEvents, LobbyEvents } from '../lib/classroom/client-events';
import type { EventTable } from '../lib/socket-calls/check';
import type { MemberRow } from '../lib/classroom/roster';
import { killHard, type ChildServer } from './support/child-server';
import { sleep } from './support/sandbox';
import { brokenBodies, junkBodies, rawPackets, unknownEvents } from './support/socket-fuzz';

const PORT = 6411;
const ROOT = path.resolve(__dirname, '..');
const PATH = '/classroom-io';
let dir: string;
let child: ChildServer;
const sockets: Socket[] = [];

type Created = { ok: true; classroomId: string; code: string; secret: string };
type Joined = { ok: true; classroomId: string; memberId: string; token: string };
let victim: Created;
let victimLearner: Joined;
let victimTeacher: Socket;
let victimLearnerSocket: Socket;
let own: Created;
let ownLearner: Joined;
const victimRows: MemberRow[] = [];

async function open(auth?: Record<string, unknown>): Promise<Socket> {
  const s = connect(child.base, { path: PATH, auth, transports: ['websocket'], reconnection: false, forceNew: true });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => { s.once('connect', () => resolve()); s.once('connect_error', reject); });
  return s;
}
const ask = <T = any>(s: Socket, event: string, ...args: unknown[]): Promise<T> => s.timeout(15_000).emitWithAck(event, ...args) as Promise<T>;

async function alive(): Promise<void> {
  expect(child.proc.exitCode, `classroom server exited: ${child.output().slice(-3000)}`).toBeNull();
  expect((await fetch(`${child.base}/healthz`)).status).toBe(200);
}

async function startChild(): Promise<ChildServer> {
  const proc = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['abuse/support/classroom-child.ts'], {
    cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
    // Join attempts all come from 127.0.0.1 here; the rate limits and the call budget have their own tests.
    env: {
      ...process.env, PORT: String(PORT), DATABASE_URL: `file:${path.join(dir, 'class.db')}`,
      LAYERLAB_JOIN_RATE: '100000', LAYERLAB_JOIN_RATE_PER_CODE: '100000', LAYERLAB_CLASS_CREATE_RATE: '100000', LAYERLAB_SOCKET_CALLS: '1000000',
    },
  });
  let out = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { out += d; });
  const base = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 300; i++) {
    if (proc.exitCode !== null) throw new Error(`classroom server exited ${proc.exitCode}: ${out}`);
    try { if ((await fetch(`${base}/healthz`)).ok) return { proc, base, output: () => out }; } catch { /* not up yet */ }
    await sleep(100);
  }
  throw new Error(`classroom server did not come up: ${out}`);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-class-fuzz-'));
  execFileSync(path.join(ROOT, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'class.db')}` }, stdio: 'pipe' });
  child = await startChild();
  const lobby = await open();
  victim = await ask<Created>(lobby, E.create, { name: 'Victim class' });
  own = await ask<Created>(lobby, E.create, { name: 'Attacker class' });
  victimLearner = await ask<Joined>(lobby, E.join, { code: victim.code, displayName: 'Vera' });
  ownLearner = await ask<Joined>(lobby, E.join, { code: own.code, displayName: 'Mallory' });
  expect([victim.ok, own.ok, victimLearner.ok, ownLearner.ok]).toEqual([true, true, true, true]);
  lobby.close();
  victimTeacher = await open({ role: 'instructor', classroomId: victim.classroomId, secret: victim.secret });
  victimTeacher.on(E.row, (r: MemberRow) => victimRows.push(r));
  victimLearnerSocket = await open({ role: 'learner', classroomId: victimLearner.classroomId, memberId: victimLearner.memberId, token: victimLearner.token });
});

afterAll(async () => {
  for (const s of sockets) s.close();
  if (child) await killHard(child);
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// A well-formed body of every event of every role (acting on the attacker's
// own class), its required fields and its table.
function wellFormed(): Record<string, { table: EventTable; body: Record<string, unknown>; required: string[] }> {
  return {
    [E.create]: { table: LobbyEvents, body: { name: 'Fuzz', lessonSlug: null, starterDockerfile: 'FROM busybox' }, required: ['name'] },
    [E.join]: { table: LobbyEvents, body: { code: own.code, displayName: 'Eve' }, required: ['code', 'displayName'] },
    [E.broadcast]: { table: InstructorEvents, body: { text: 'hello' }, required: ['text'] },
    [E.pushStarter]: { table: InstructorEvents, body: { dockerfile: 'FROM busybox' }, required: ['dockerfile'] },
    [E.lock]: { table: InstructorEvents, body: { locked: false }, required: ['locked'] },
    [E.end]: { table: InstructorEvents, body: {}, required: [] },
    [E.follow]: { table: InstructorEvents, body: { memberId: ownLearner.memberId }, required: ['memberId'] },
    [E.spotlight]: { table: InstructorEvents, body: { target: { kind: 'member', memberId: ownLearner.memberId }, toLearners: true }, required: ['target'] },
    // A member id of the right form that is no one's: removing the attacker's own learner would close the connection the test asks on.
    [E.remove]: { table: InstructorEvents, body: { memberId: 'no-such-member' }, required: ['memberId'] },
    [E.rotateCode]: { table: InstructorEvents, body: {}, required: [] },
    [E.lockJoins]: { table: InstructorEvents, body: { locked: false }, required: ['locked'] },
    [E.report]: { table: LearnerEvents, body: { dockerfile: 'FROM busybox', runningContainers: 1, progress: { step: 1 } }, required: [] },
  };
}

// Codes a handler may answer with for a body its schema takes (the
// attacker's class can be ended, locked, closed to joins or given a new
// code by its own instructor's calls).
const HANDLER_CODES = ['not-found', 'ended', 'locked', 'name-taken', 'full', 'rate-limited', 'joins-locked', 'removed'];

describe('the classroom socket under fuzzing', () => {
  it('covers every event of every role\'s table', () => {
    expect(Object.keys(wellFormed()).sort()).toEqual([...Object.keys(LobbyEvents), ...Object.keys(InstructorEvents), ...Object.keys(LearnerEvents)].sort());
  });

  it('answers every malformed body on every connection: refused unless its schema takes it, unknown on the wrong role', async () => {
    const conns = {
      lobby: await open(),
      instructor: await open({ role: 'instructor', classroomId: own.classroomId, secret: own.secret }),
      learner: await open({ role: 'learner', classroomId: ownLearner.classroomId, memberId: ownLearner.memberId, token: ownLearner.token }),
    };
    const served = { lobby: LobbyEvents as EventTable, instructor: InstructorEvents as EventTable, learner: LearnerEvents as EventTable };
    let calls = 0;
    let closed = 0;
    for (const [event, { table, body, required }] of Object.entries(wellFormed())) {
      for (const bad of [...junkBodies(), ...brokenBodies(body, required)]) {
        // Over socket.io's buffer the connection itself is closed, before any handler.
        if (Buffer.byteLength(JSON.stringify([event, bad])) > CLASSROOM_BUFFER_BYTES) {
          const throwaway = await open();
          const gone = new Promise<string>((resolve) => throwaway.once('disconnect', resolve));
          throwaway.emit(event, bad, () => undefined);
          expect(await gone).toMatch(/transport (close|error)/);
          closed++;
          continue;
        }
        for (const [role, sock] of Object.entries(conns) as [keyof typeof conns, Socket][]) {
          const answer = await ask(sock, event, bad);
          const what = `${role} ${event} ${JSON.stringify(bad)?.slice(0, 160)} → ${JSON.stringify(answer).slice(0, 300)}`;
          if (served[role] !== table) expect(answer, what).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
          else if (!table[event].body.safeParse(bad).success) expect(['invalid', 'too-large'], what).toContain(answer?.error?.code);
          else expect(answer.ok || HANDLER_CODES.includes(answer.error.code), what).toBe(true);
          sock.emit(event, bad);
          calls += 2;
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(closed).toBeGreaterThan(0);
    for (const s of Object.values(conns)) s.close();
    await alive();
  });

  it('takes hostile acknowledgements, extra arguments and unknown names on every connection', async () => {
    const conns = [
      await open(),
      await open({ role: 'instructor', classroomId: own.classroomId, secret: own.secret }),
      await open({ role: 'learner', classroomId: ownLearner.classroomId, memberId: ownLearner.memberId, token: ownLearner.token }),
    ];
    for (const sock of conns) {
      for (const [event, { body }] of Object.entries(wellFormed())) {
        for (const notAFunction of [5, 'ack', null, { call: 'x' }, { apply: () => 1 }, [() => 1], JSON.parse('{"__proto__":{"call":1}}')]) sock.emit(event, body, notAFunction);
        sock.emit(event, body, 1, 2, 3);
        sock.emit(event);
      }
    }
    await sleep(1000);
    await alive();
    for (const sock of conns) {
      for (const [event, { body }] of Object.entries(wellFormed())) {
        const extra = await ask(sock, event, body, 'extra');
        expect(['invalid', 'unknown-event'], `${event} with an extra argument`).toContain(extra?.error?.code);
      }
      for (const event of unknownEvents) {
        expect(await ask(sock, event, { a: 1 }), JSON.stringify(event.slice(0, 40))).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
      }
    }
    for (const packet of rawPackets(Object.keys(wellFormed()))) {
      const raw = await open({ role: 'learner', classroomId: ownLearner.classroomId, memberId: ownLearner.memberId, token: ownLearner.token });
      (raw.io.engine as unknown as { send(p: string): void }).send(packet);
      await sleep(50);
      raw.close();
    }
    for (const s of conns) s.close();
    await alive();
  });

  it('still serves the class the attacker never held, and nothing reached it', async () => {
    await alive();
    // The attacker's instructor cannot follow or spotlight another class's learner.
    const mine = await open({ role: 'instructor', classroomId: own.classroomId, secret: own.secret });
    expect(await ask(mine, E.follow, { memberId: victimLearner.memberId })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // The victim's learner, connected all along, reports; its instructor sees it.
    victimRows.length = 0;
    expect(await ask(victimLearnerSocket, E.report, { dockerfile: 'FROM busybox\nRUN echo after-fuzz\n', runningContainers: 2 })).toEqual({ ok: true });
    for (let i = 0; i < 100 && !victimRows.some((r) => r.id === victimLearner.memberId && r.runningContainers === 2); i++) await sleep(50);
    expect(victimRows.some((r) => r.id === victimLearner.memberId && r.runningContainers === 2)).toBe(true);
    const followed = await ask(victimTeacher, E.follow, { memberId: victimLearner.memberId });
    expect(followed.detail.dockerfile).toBe('FROM busybox\nRUN echo after-fuzz\n');
    // The caps count characters: a Dockerfile near its cap in Chinese (three UTF-8 bytes each) still goes through.
    const chinese = `FROM busybox\n# ${'构建镜像'.repeat(15_000)}\n`;
    expect(await ask(victimLearnerSocket, E.report, { dockerfile: chinese })).toEqual({ ok: true });
    expect((await ask(victimTeacher, E.follow, { memberId: victimLearner.memberId })).detail.dockerfile).toBe(chinese);

    // A new learner joins; the roster holds only the class's own learners.
    const lobby = await open();
    const joined = await ask<Joined>(lobby, E.join, { code: victim.code, displayName: 'Walt' });
    expect(joined.ok).toBe(true);
    const roster = await new Promise<{ members: MemberRow[]; classroom: { locked: boolean; endedAt: string | null } }>((resolve) => {
      const t = connect(child.base, { path: PATH, auth: { role: 'instructor', classroomId: victim.classroomId, secret: victim.secret }, transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(t);
      t.once(E.roster, resolve);
    });
    expect(roster.members.map((m) => m.displayName).sort()).toEqual(['Vera', 'Walt']);
    expect([roster.classroom.locked, roster.classroom.endedAt]).toEqual([false, null]);
    await alive();
    expect(child.output()).not.toMatch(/ failed: /);
  });
});

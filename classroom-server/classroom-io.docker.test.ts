// The classroom socket against a real SQLite database, migrated with the
// project's own migrations, and real socket.io clients.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import { createDb, type Db } from '../prisma/client';
import { ClassroomEvents as E } from '../lib/classroom/messages';
import { rosterReducer } from '../lib/classroom/roster';
import type { ClassFeed, ClassMessage, MemberDetail, MemberRow, RosterSnapshot, SpotlightView } from '../lib/classroom/roster';
import { attachClassroomIo, CLASSROOM_IO_PATH, type ClassroomIo } from './classroom-io';
import { sha256 } from './secrets';

const root = path.resolve(__dirname, '..');
let dir: string;
let db: Db;
let server: http.Server;
let cio: ClassroomIo;
let port = 0;
const sockets: Socket[] = [];

async function start(classSize = 3) {
  server = http.createServer((_req, res) => { res.writeHead(404); res.end(); });
  cio = await attachClassroomIo(server, { db, limits: { classSize }, log: () => undefined });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
}

// `from`: another loopback address (127.0.0.2 and up) the connection comes
// from, as another machine's would; never a forwarded header.
function client(auth?: Record<string, unknown>, extraHeaders?: Record<string, string>, at = port, from?: string): Socket {
  const s = connect(`http://127.0.0.1:${at}`, {
    path: CLASSROOM_IO_PATH, auth, extraHeaders, transports: ['websocket'], reconnectionDelay: 100, reconnectionDelayMax: 300, ...(from ? { localAddress: from } : {}),
  } as Parameters<typeof connect>[1]);
  sockets.push(s);
  return s;
}

function connected(s: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    if (s.connected) return resolve();
    s.once('connect', () => resolve());
    s.once('connect_error', (e) => reject(e));
  });
}

function refused(s: Socket): Promise<string> {
  return new Promise((resolve, reject) => {
    s.once('connect', () => reject(new Error('connected, but should have been refused')));
    s.once('connect_error', (e) => resolve(e.message));
  });
}

async function ask<T = Record<string, unknown>>(s: Socket, event: string, payload: unknown): Promise<T> {
  return s.timeout(5000).emitWithAck(event, payload) as Promise<T>;
}

function next<T>(s: Socket, event: string, pred: (v: T) => boolean = () => true, ms = 2000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { s.off(event, h); reject(new Error(`no ${event} matching within ${ms} ms`)); }, ms);
    const h = (v: T) => { if (pred(v)) { clearTimeout(t); s.off(event, h); resolve(v); } };
    s.on(event, h);
  });
}

type Created = { ok: true; classroomId: string; code: string; secret: string };
type Joined = { ok: true; classroomId: string; memberId: string; token: string };

async function createClass(name = 'Docker 101', extra: Record<string, unknown> = {}): Promise<Created> {
  const lobby = client();
  await connected(lobby);
  const r = await ask<Created>(lobby, E.create, { name, ...extra });
  expect(r.ok).toBe(true);
  return r;
}

async function join(code: string, displayName: string): Promise<Joined> {
  const lobby = client();
  await connected(lobby);
  return ask<Joined>(lobby, E.join, { code: code.toLowerCase(), displayName });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-class-'));
  const url = `file:${path.join(dir, 'class.db')}`;
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  db = createDb(url);
  await start();
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await cio?.close();
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('classroom socket', () => {
  it('creates a class whose secret is stored only as its hash', async () => {
    const c = await createClass('Morning class', { lessonSlug: '07-docker-build' });
    expect(c.code).toMatch(/^[A-Z2-9]{6}$/);
    const row = await db.classroom.findUniqueOrThrow({ where: { id: c.classroomId } });
    expect(row.instructorSecretHash).toBe(sha256(c.secret));
    expect(JSON.stringify(row)).not.toContain(c.secret);
    expect(row.lessonSlug).toBe('07-docker-build');
  });

  it('shows a learner\'s report on the dashboard and in follow within 2 s', async () => {
    const c = await createClass();
    const teacher = client({ role: 'instructor', classroomId: c.classroomId, secret: c.secret });
    const first = next<RosterSnapshot>(teacher, E.roster);
    await connected(teacher);
    expect((await first).members).toEqual([]);

    const hostile = '<img src=x onerror=alert(1)>';
    const j = await join(c.code, hostile);
    expect(j.ok).toBe(true);
    const member = await db.classroomMember.findUniqueOrThrow({ where: { id: j.memberId } });
    expect(member.tokenHash).toBe(sha256(j.token));
    expect(member.displayName).toBe(hostile);

    const online = next<MemberRow>(teacher, E.row, (r) => r.id === j.memberId && r.status === 'online');
    const learner = client({ role: 'learner', classroomId: j.classroomId, memberId: j.memberId, token: j.token });
    const feed = next<ClassFeed>(learner, E.classState);
    await connected(learner);
    expect((await feed).you.displayName).toBe(hostile);
    expect((await online).displayName).toBe(hostile);

    const f = await ask<{ ok: true; detail: MemberDetail }>(teacher, E.follow, { memberId: j.memberId });
    expect(f.detail.dockerfile).toBe('');

    const t0 = Date.now();
    const row = next<MemberRow>(teacher, E.row, (r) => r.id === j.memberId && r.lastBuild !== null);
    const followed = next<MemberDetail>(teacher, E.followed);
    const ack = await ask(learner, E.report, {
      dockerfile: 'FROM busybox:1.35\nRUN false\n', runningContainers: 1,
      lastBuild: { ok: false, line: 2, message: "The command '/bin/sh -c false' returned a non-zero code: 1", at: new Date().toISOString() },
      layers: [{ createdBy: '/bin/sh', sizeBytes: 2_000_000, empty: false }],
      progress: { step: 2, stepsTotal: 4, checksPassed: 1, checksTotal: 3 },
    });
    expect(ack).toEqual({ ok: true });
    const r = await row;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(r).toMatchObject({ lastBuild: { ok: false, line: 2 }, layerCount: 1, runningContainers: 1, progress: { step: 2, checksPassed: 1 } });
    expect((await followed).dockerfile).toBe('FROM busybox:1.35\nRUN false\n');

    const bad = await ask<{ ok: false; error: { code: string } }>(learner, E.report, { runningContainers: 'many' });
    expect(bad.ok).toBe(false);
    expect(bad.error.code).toBe('invalid');
  });

  it('opens the dashboard only with the instructor secret', async () => {
    const c = await createClass();
    const other = await createClass('Another class');
    const j = await join(c.code, 'Ann');
    expect(await refused(client({ role: 'instructor', classroomId: c.classroomId, secret: j.token }))).toBe('unauthorized');
    expect(await refused(client({ role: 'instructor', classroomId: c.classroomId, secret: other.secret }))).toBe('unauthorized');
    expect(await refused(client({ role: 'instructor', classroomId: c.classroomId, secret: c.secret.slice(0, -1) + (c.secret.endsWith('A') ? 'B' : 'A') }))).toBe('unauthorized');
    expect(await refused(client({ role: 'learner', classroomId: other.classroomId, memberId: j.memberId, token: j.token }))).toBe('unauthorized');
    expect(await refused(client({ role: 'learner', classroomId: c.classroomId, memberId: j.memberId, token: c.secret }))).toBe('unauthorized');

    // A learner's connection has no instructor handlers: each is an unknown event there, and nothing is stored.
    const learner = client({ role: 'learner', classroomId: c.classroomId, memberId: j.memberId, token: j.token });
    await connected(learner);
    for (const [event, payload] of [[E.broadcast, { text: 'hacked' }], [E.follow, { memberId: j.memberId }], [E.spotlight, { target: { kind: 'member', memberId: j.memberId } }], [E.lock, { locked: true }], [E.end, {}]] as const) {
      expect(await learner.timeout(2000).emitWithAck(event, payload)).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
    }
    const lobby = client();
    await connected(lobby);
    expect(await lobby.timeout(2000).emitWithAck(E.broadcast, { text: 'hacked' })).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
    expect(await db.classroomMessage.count({ where: { classroomId: c.classroomId } })).toBe(0);
    const after = await db.classroom.findUniqueOrThrow({ where: { id: c.classroomId } });
    expect([after.locked, after.endedAt]).toEqual([false, null]);
  });

  it('caps the class size, even when learners join at the same moment', async () => {
    const c = await createClass();
    const results = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => join(c.code, n)));
    const ok = results.filter((r) => r.ok);
    const full = results.filter((r) => !r.ok) as unknown as { error: { code: string; message: string } }[];
    expect(ok).toHaveLength(3);
    expect(full.map((f) => f.error.code)).toEqual(['full', 'full']);
    expect(full[0].error.message).toBe('This class is full (3 learners). Ask your instructor to open another one.');
    expect(await db.classroomMember.count({ where: { classroomId: c.classroomId } })).toBe(3);
  });

  it('refuses a taken name and an unknown code with a clear message', async () => {
    const c = await createClass();
    expect((await join(c.code, 'Ann')).ok).toBe(true);
    expect(await join(c.code, 'Ann')).toMatchObject({ ok: false, error: { code: 'name-taken' } });
    expect(await join('ZZZZZZ', 'Ann')).toMatchObject({ ok: false, error: { code: 'not-found', message: 'No class has that code. Check it with your instructor.' } });
  });

  it('broadcasts, pushes a starter, locks, spotlights and ends; everything survives a restart', async () => {
    const c = await createClass();
    const teacher = client({ role: 'instructor', classroomId: c.classroomId, secret: c.secret });
    await connected(teacher);
    const a = await join(c.code, 'Ann');
    const b = await join(c.code, 'Bob');
    const la = client({ role: 'learner', classroomId: c.classroomId, memberId: a.memberId, token: a.token });
    const lb = client({ role: 'learner', classroomId: c.classroomId, memberId: b.memberId, token: b.token });
    await Promise.all([connected(la), connected(lb)]);

    const got = Promise.all([la, lb].map((l) => next<ClassMessage>(l, E.message)));
    await ask(teacher, E.broadcast, { text: 'Build the starter, then change line 3' });
    expect((await got).map((m) => m.text)).toEqual(['Build the starter, then change line 3', 'Build the starter, then change line 3']);

    const pushed = next<ClassFeed>(la, E.classState, (f) => f.classroom.starterVersion === 1);
    await ask(teacher, E.pushStarter, { dockerfile: 'FROM busybox:1.35\n' });
    expect((await pushed).classroom.starterDockerfile).toBe('FROM busybox:1.35\n');

    await ask(la, E.report, { dockerfile: 'FROM busybox:1.35\nRUN echo hi\n' });
    const locked = next<ClassFeed>(lb, E.classState, (f) => f.classroom.locked);
    await ask(teacher, E.lock, { locked: true });
    await locked;

    const shown = next<SpotlightView>(lb, E.spotlightShow, (v) => v?.kind === 'member');
    await ask(teacher, E.spotlight, { target: { kind: 'member', memberId: a.memberId }, toLearners: true });
    const view = await shown;
    expect(view?.kind === 'member' && view.detail.dockerfile).toBe('FROM busybox:1.35\nRUN echo hi\n');
    await ask(la, E.report, { progress: { step: 3 } });

    // Restart the web: a new server on the same port and database. The
    // dashboard folds what it receives, as the page does.
    let live: RosterSnapshot | null = null;
    teacher.on(E.roster, (snap: RosterSnapshot) => { live = rosterReducer(live, { type: 'snapshot', snapshot: snap }); });
    teacher.on(E.row, (row: MemberRow) => { live = rosterReducer(live, { type: 'row', row }); });
    await cio.close();
    await start();
    const until = Date.now() + 10_000;
    const current = () => live as RosterSnapshot | null;
    while (!(current()?.members.length === 2 && current()!.members.every((m) => m.status === 'online')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const s = current()!;
    expect(s.members.map((m) => m.status)).toEqual(['online', 'online']);
    expect(s.messages.map((m) => m.text)).toEqual(['Build the starter, then change line 3']);
    expect(s.classroom).toMatchObject({ locked: true, starterVersion: 1 });
    expect(s.members.find((m) => m.id === a.memberId)?.progress).toEqual({ step: 3 });
    expect(s.spotlight).toEqual({ kind: 'member', memberId: a.memberId, toLearners: true });

    const offline = next<MemberRow>(teacher, E.row, (r) => r.id === b.memberId && r.status === 'offline');
    lb.close();
    await offline;

    const ended = next<ClassFeed>(la, E.classState, (f) => f.classroom.endedAt !== null);
    await ask(teacher, E.end, {});
    await ended;
    expect(await join(c.code, 'Cid')).toMatchObject({ ok: false, error: { code: 'ended' } });
    expect(await ask(la, E.report, { runningContainers: 0 })).toMatchObject({ ok: false, error: { code: 'ended' } });
    expect(await db.classroomMember.count({ where: { classroomId: c.classroomId } })).toBe(2);
  });
  it('enforces the lock on the server: a forged learner report cannot change the Dockerfile or the build', async () => {
    const c = await createClass();
    const teacher = client({ role: 'instructor', classroomId: c.classroomId, secret: c.secret });
    await connected(teacher);
    const j = await join(c.code, 'Mallory');
    const learner = client({ role: 'learner', classroomId: c.classroomId, memberId: j.memberId, token: j.token });
    await connected(learner);
    const before = { dockerfile: 'FROM busybox:1.35\n', lastBuild: { ok: true, imageId: 'sha256:aaaa', at: new Date().toISOString() }, layers: [{ createdBy: 'FROM', sizeBytes: 1, empty: false }] };
    expect(await ask(learner, E.report, before)).toEqual({ ok: true });

    const lockedFeed = next<ClassFeed>(learner, E.classState, (f) => f.classroom.locked);
    await ask(teacher, E.lock, { locked: true });
    await lockedFeed;

    // What a client that ignores the read-only editor would send.
    const noRow = next<MemberRow>(teacher, E.row, (r) => r.id === j.memberId && r.lastBuild?.ok === false, 700);
    const forged = await ask(learner, E.report, {
      dockerfile: 'FROM busybox:1.35\nRUN echo sneaky\n',
      lastBuild: { ok: false, line: 2, message: 'sneaky', at: new Date().toISOString() },
      layers: [],
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'locked', message: expect.stringContaining('locked') } });
    await expect(noRow).rejects.toThrow();
    let stored = await db.classroomMember.findUniqueOrThrow({ where: { id: j.memberId } });
    expect(stored.currentDockerfile).toBe(before.dockerfile);
    expect(JSON.parse(stored.lastBuild)).toEqual(before.lastBuild);
    expect(stored.layerCount).toBe(1);

    // Mixed: containers and progress still count, the Dockerfile does not.
    const mixed = await ask(learner, E.report, { dockerfile: 'FROM debian\n', runningContainers: 2, progress: { step: 1 } });
    expect(mixed).toMatchObject({ ok: false, error: { code: 'locked' } });
    stored = await db.classroomMember.findUniqueOrThrow({ where: { id: j.memberId } });
    expect([stored.currentDockerfile, stored.runningContainers, JSON.parse(stored.progress)]).toEqual([before.dockerfile, 2, { step: 1 }]);
    // A reconnect resends what is stored: that is not an edit.
    expect(await ask(learner, E.report, before)).toEqual({ ok: true });

    const open = next<ClassFeed>(learner, E.classState, (f) => !f.classroom.locked);
    await ask(teacher, E.lock, { locked: false });
    await open;
    expect(await ask(learner, E.report, { dockerfile: 'FROM debian\n' })).toEqual({ ok: true });
    stored = await db.classroomMember.findUniqueOrThrow({ where: { id: j.memberId } });
    expect(stored.currentDockerfile).toBe('FROM debian\n');
  });
});

describe('join rate limit', () => {
  let limited: ClassroomIo;
  let limitedServer: http.Server;
  let limitedPort = 0;
  let clock = new Date('2026-01-01T09:00:00Z');

  beforeAll(async () => {
    limitedServer = http.createServer((_req, res) => { res.writeHead(404); res.end(); });
    // Class creations below come through one trusted proxy, which names the client in
    // X-Forwarded-For; joins come from loopback addresses of their own, with no header.
    limited = await attachClassroomIo(limitedServer, {
      db, limits: { classSize: 30, joinsPerAddress: 3, refusalsPerAddressInClass: 10, joinsPerCode: 4, classesPerAddress: 2 }, log: () => undefined, now: () => clock,
      trustProxy: 1, joinWindowSeconds: 2,
    });
    await new Promise<void>((r) => limitedServer.listen(0, '127.0.0.1', () => r()));
    limitedPort = (limitedServer.address() as AddressInfo).port;
  });
  afterAll(async () => { await limited?.close(); });

  async function joinFrom(address: string, code: string, displayName: string) {
    const lobby = client(undefined, undefined, limitedPort, address);
    await connected(lobby);
    return ask<Joined | { ok: false; error: { code: string; message: string } }>(lobby, E.join, { code, displayName });
  }

  it('refuses an address after its refused joins per minute, with when to try again, and lets it in after the window', async () => {
    const c = await createClass();
    const other = await createClass('Other');
    // Seats taken are not counted against the address: a school shares one.
    for (const [i, code] of [c.code, other.code, c.code, other.code].entries()) expect((await joinFrom('127.0.0.7', code, `Seat ${i}`)).ok).toBe(true);
    expect(await joinFrom('127.0.0.7', 'ZZZZZZ', 'B')).toMatchObject({ ok: false, error: { code: 'not-found' } }); // a wrong guess counts
    expect(await joinFrom('127.0.0.7', c.code, 'Seat 0')).toMatchObject({ ok: false, error: { code: 'name-taken' } });
    expect(await joinFrom('127.0.0.7', 'YYYYYY', 'B')).toMatchObject({ ok: false, error: { code: 'not-found' } });
    // The window began at the first refusal, a moment ago: 1 or 2 s remain.
    expect(await joinFrom('127.0.0.7', other.code, 'D')).toEqual({ ok: false, error: { code: 'rate-limited', message: expect.stringMatching(/^Too many tries to join from your network\. Wait [12] s and try again\.$/) } });
    expect((await joinFrom('127.0.0.8', other.code, 'D')).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 2100));
    expect((await joinFrom('127.0.0.7', other.code, 'E')).ok).toBe(true);
  });

  it('refuses an address after its classes per hour, in the asker\'s language, and nobody else', async () => {
    const createFrom = async (address: string, headers: Record<string, string> = {}) => {
      const lobby = client(undefined, { 'x-forwarded-for': address, ...headers }, limitedPort);
      await connected(lobby);
      return ask<Created | { ok: false; error: { code: string; message: string } }>(lobby, E.create, { name: 'Rate test' });
    };
    expect((await createFrom('203.0.113.50')).ok).toBe(true);
    expect((await createFrom('203.0.113.50')).ok).toBe(true);
    const before = await db.classroom.count();
    expect(await createFrom('203.0.113.50')).toEqual({ ok: false, error: { code: 'rate-limited', message: 'Too many classes were opened from your network in the last hour. Wait 60 min and try again.' } });
    expect(await createFrom('203.0.113.50', { 'accept-language': 'zh-CN' })).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringContaining('开设的课堂太多') } });
    expect(await db.classroom.count()).toBe(before);
    expect((await createFrom('198.51.100.50')).ok).toBe(true);
    clock = new Date(clock.getTime() + 3601_000);
    // Class creations are counted by rate-limiter-flexible, on the system clock.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3601_000 });
    try {
      expect((await createFrom('203.0.113.50')).ok).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses a code after it seated its joins per minute from all addresses', async () => {
    const c = await createClass();
    for (const [i, n] of ['A', 'B', 'C', 'D'].entries()) expect((await joinFrom(`127.0.2.${i + 1}`, c.code, n)).ok).toBe(true);
    expect(await joinFrom('127.0.2.9', c.code, 'E')).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringContaining('this code') } });
    expect(await db.classroomMember.count({ where: { classroomId: c.classroomId } })).toBe(4);
  });
});

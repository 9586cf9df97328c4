// A classmate who has the join code (it is on the projector) and a script,
// against the real classroom socket server and database, with the default
// join limits. Each learner connects from a loopback address of their own
// (127.0.0.2 and up), as from another machine; the hostile one from
// 127.0.0.66. What is checked is what happened: who sits on the roster,
// what each attempt was told, what a removed member's credentials still open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { ClassroomEvents as E } from '../lib/classroom/messages';
import type { ClassFeed, ClassMessage, RosterSnapshot } from '../lib/classroom/roster';
import { ask, connected, next, refused, startTestClassroom, type Created, type Joined, type Refusal, type TestClassroom } from './test/classroom-clients';

const CLASS_SIZE = 30;
const HOSTILE = '127.0.0.66';
let t: TestClassroom;
const logs: string[] = [];

beforeAll(async () => { t = await startTestClassroom({ classSize: CLASS_SIZE }, logs); });
afterAll(async () => { await t?.close(); });

const learnerAddress = (i: number) => `127.0.1.${i + 1}`;

async function lobby(from?: string): Promise<Socket> {
  const s = t.client({ from });
  await connected(s);
  return s;
}

async function createClass(name = 'Room 4'): Promise<Created> {
  const r = await ask<Created>(await lobby(), E.create, { name });
  expect(r.ok).toBe(true);
  return r;
}

async function join(code: string, displayName: string, from?: string, via?: Socket): Promise<Joined | Refusal> {
  return ask<Joined | Refusal>(via ?? await lobby(from), E.join, { code, displayName });
}

async function teacherOf(c: Created): Promise<Socket> {
  const s = t.client({ auth: { role: 'instructor', classroomId: c.classroomId, secret: c.secret } });
  await connected(s);
  return s;
}

const seats = (c: Created) => t.db.classroomMember.count({ where: { classroomId: c.classroomId } });
const codeOf = (r: Joined | Refusal) => (r.ok ? 'ok' : r.error.code);

describe('a hostile classmate', () => {
  it('flooding one connection with taken names spends only their own allowance: the whole class still joins', async () => {
    const c = await createClass();
    expect(codeOf(await join(c.code, 'Alice', learnerAddress(0)))).toBe('ok');
    // Sixty tries in a burst, every one a spelling of a name on the roster,
    // all from one connection (as a script would keep it open).
    const spellings = ['Alice', 'alice', 'ALICE', 'Аlice', 'Ali\u200bce', 'Ali\u00adce', 'Ａｌｉｃｅ', 'A1ice'];
    const flood = await lobby(HOSTILE);
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => join(c.code, spellings[i % spellings.length], undefined, flood)));
    const tally = answers.reduce<Record<string, number>>((m, a) => ({ ...m, [codeOf(a)]: (m[codeOf(a)] ?? 0) + 1 }), {});
    // The default allowance: 20 refusals per class a minute, then the door is shut to this address.
    expect(tally).toEqual({ 'name-taken': 20, 'rate-limited': 40 });
    // The flooder is told it is their network, and is now refused on this class even with a new name…
    const own = await join(c.code, 'Mallory', HOSTILE);
    expect(own).toMatchObject({ ok: false, error: { code: 'rate-limited', message: expect.stringContaining('this class from your network') } });

    // …while 29 classmates from their own machines fill every remaining seat.
    const names = Array.from({ length: CLASS_SIZE - 1 }, (_, i) => `Learner ${i + 1}`);
    const joins = await Promise.all(names.map((n, i) => join(c.code, n, learnerAddress(i + 1))));
    expect(joins.map(codeOf)).toEqual(names.map(() => 'ok'));
    expect(await seats(c)).toBe(CLASS_SIZE);
    expect(codeOf(await join(c.code, 'Late', learnerAddress(40)))).toBe('full');
  });

  it('a class behind one school address joins in full', async () => {
    const c = await createClass('Behind one address');
    const school = '127.0.3.1';
    // A couple of clashes on the way, as in a real room.
    expect(codeOf(await join(c.code, 'Pupil 1', school))).toBe('ok');
    expect(codeOf(await join(c.code, 'pupil 1', school))).toBe('name-taken');
    const rest = await Promise.all(Array.from({ length: CLASS_SIZE - 1 }, (_, i) => join(c.code, `Pupil ${i + 2}`, school)));
    expect(rest.map(codeOf).filter((x) => x !== 'ok')).toEqual([]);
    expect(await seats(c)).toBe(CLASS_SIZE);
  });

  it('thirty invented names do not hold the class once the instructor closes joins and removes them', async () => {
    const c = await createClass('Invented names');
    const teacher = await teacherOf(c);
    const bot = await lobby(HOSTILE);
    const bots = await Promise.all(Array.from({ length: CLASS_SIZE }, (_, i) => join(c.code, `Bot ${i}`, undefined, bot)));
    expect(bots.map(codeOf)).toEqual(bots.map(() => 'ok'));
    expect(codeOf(await join(c.code, 'Real', learnerAddress(1)))).toBe('full');

    const closed = next<RosterSnapshot>(teacher, E.roster, (s) => s.classroom.joinsLocked);
    expect(await ask(teacher, E.lockJoins, { locked: true })).toEqual({ ok: true });
    await closed;
    expect(await join(c.code, 'Bot 99', HOSTILE)).toMatchObject({ ok: false, error: { code: 'joins-locked', message: expect.stringContaining('closed this class') } });

    for (const b of bots) expect(await ask(teacher, E.remove, { memberId: (b as Joined).memberId })).toMatchObject({ ok: true });
    expect(await seats(c)).toBe(0);
    // Closed means closed, for the classmate too.
    expect(codeOf(await join(c.code, 'Real', learnerAddress(1)))).toBe('joins-locked');
    const open = next<RosterSnapshot>(teacher, E.roster, (s) => !s.classroom.joinsLocked);
    await ask(teacher, E.lockJoins, { locked: false });
    await open;
    expect(codeOf(await join(c.code, 'Real', learnerAddress(1)))).toBe('ok');

    // The bot's connection is out of this class under any name; its names are out from anywhere.
    expect(await join(c.code, 'Fresh name', undefined, bot)).toMatchObject({ ok: false, error: { code: 'removed' } });
    expect(codeOf(await join(c.code, 'Bot 7', learnerAddress(9)))).toBe('removed');
    expect(codeOf(await join(c.code, 'ВОТ 7', learnerAddress(9)))).toBe('removed'); // Cyrillic В, О, Т
    const members = await t.db.classroomMember.findMany({ where: { classroomId: c.classroomId } });
    expect(members.map((m) => m.displayName)).toEqual(['Real']);
  });

  it('a removed member is told so, loses their seat, and cannot come back with the same token, connection or name, even after a restart', async () => {
    const c = await createClass('Removal');
    const teacher = await teacherOf(c);
    const via = await lobby(learnerAddress(5));
    const m = await join(c.code, 'Mallory', undefined, via) as Joined;
    const other = await join(c.code, 'Ann', learnerAddress(6)) as Joined;
    const auth = (j: Joined) => ({ role: 'learner', classroomId: j.classroomId, memberId: j.memberId, token: j.token });
    const mallory = t.client({ auth: auth(m) });
    const ann = t.client({ auth: auth(other) });
    await Promise.all([connected(mallory), connected(ann)]);
    await ask(mallory, E.report, { dockerfile: 'FROM busybox\n' });

    const told = next<unknown>(mallory, E.removed);
    const dropped = new Promise<string>((r) => mallory.once('disconnect', (reason) => r(reason)));
    const rosterAfter = next<RosterSnapshot>(teacher, E.roster, (s) => !s.members.some((x) => x.id === m.memberId));
    expect(await ask(teacher, E.remove, { memberId: m.memberId })).toEqual({ ok: true, displayName: 'Mallory' });
    await told;
    expect(await dropped).toBe('io server disconnect');
    expect((await rosterAfter).members.map((x) => x.displayName)).toEqual(['Ann']);
    expect(await seats(c)).toBe(1);
    expect(await ask(teacher, E.remove, { memberId: m.memberId })).toMatchObject({ ok: false, error: { code: 'not-found' } });

    // Ann stays, and still hears the class.
    const heard = next<ClassMessage>(ann, E.message);
    await ask(teacher, E.broadcast, { text: 'Carry on' });
    expect((await heard).text).toBe('Carry on');

    // The connection that seated Mallory is out of this class under any name
    // (for as long as it stays open: a restart drops every connection).
    expect(await join(c.code, 'Someone else', undefined, via)).toMatchObject({ ok: false, error: { code: 'removed' } });
    // Her token and her name are kept out for good: they are in the database.
    const check = async () => {
      expect(await refused(t.client({ auth: auth(m) }))).toBe('removed');
      for (const name of ['Mallory', 'mallory', 'Маllory', 'Mal\u200blory']) expect(codeOf(await join(c.code, name, learnerAddress(7)))).toBe('removed');
    };
    await check();
    await t.restart();
    await check();
    expect(await seats(c)).toBe(1);
  });

  it('a new join code shuts the old one out; learners already in stay connected, also after a restart', async () => {
    const c = await createClass('Rotation');
    const teacher = await teacherOf(c);
    const a = await join(c.code, 'Ann', learnerAddress(10)) as Joined;
    const ann = t.client({ auth: { role: 'learner', classroomId: a.classroomId, memberId: a.memberId, token: a.token } });
    const firstFeed = next<ClassFeed>(ann, E.classState);
    await connected(ann);
    expect((await firstFeed).classroom.code).toBe(c.code);

    const feed = next<ClassFeed>(ann, E.classState, (f) => f.classroom.code !== c.code);
    const r = await ask<{ ok: true; code: string }>(teacher, E.rotateCode, {});
    expect(r.code).toMatch(/^[A-Z2-9]{6}$/);
    expect(r.code).not.toBe(c.code);
    expect((await feed).classroom.code).toBe(r.code);
    expect(await join(c.code, 'Bob', learnerAddress(11))).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(codeOf(await join(r.code, 'Bob', learnerAddress(11)))).toBe('ok');
    expect(ann.connected).toBe(true);

    // Ann's client reconnects by itself; its first feed from the new server may come at any moment.
    const back = next<ClassFeed>(ann, E.classState, (f) => f.classroom.code === r.code && ann.connected, 20_000);
    const dropped = new Promise<void>((resolve) => ann.once('disconnect', () => resolve()));
    await t.restart();
    await dropped;
    expect(codeOf(await join(c.code, 'Cy', learnerAddress(12)))).toBe('not-found');
    expect(codeOf(await join(r.code, 'Cy', learnerAddress(12)))).toBe('ok');
    expect((await back).classroom.code).toBe(r.code);
  });

  it('a name that only reads like one on the roster is refused as taken, and invisible characters are not stored', async () => {
    const c = await createClass('Names');
    expect(codeOf(await join(c.code, 'Alice', learnerAddress(20)))).toBe('ok');
    for (const name of ['\u0410lice', 'Ali\u200bce', 'ALICE', 'Ａｌｉｃｅ', '\u202eAlice']) {
      expect(await join(c.code, name, learnerAddress(21)), name).toMatchObject({ ok: false, error: { code: 'name-taken', message: expect.stringContaining('already uses that name') } });
    }
    const bob = await join(c.code, 'Bo\u00adb\u200d', learnerAddress(22)) as Joined;
    expect(bob.ok).toBe(true);
    const row = await t.db.classroomMember.findUniqueOrThrow({ where: { id: bob.memberId } });
    expect(row.displayName).toBe('Bob');
    expect((await t.db.classroomMember.findMany({ where: { classroomId: c.classroomId } })).map((m) => m.displayName).sort()).toEqual(['Alice', 'Bob']);
  });

  it('the instructor\'s new controls are the instructor\'s alone', async () => {
    const c = await createClass('Controls');
    const j = await join(c.code, 'Eve', learnerAddress(30)) as Joined;
    const eve = t.client({ auth: { role: 'learner', classroomId: j.classroomId, memberId: j.memberId, token: j.token } });
    await connected(eve);
    for (const [event, payload] of [[E.remove, { memberId: j.memberId }], [E.rotateCode, {}], [E.lockJoins, { locked: true }]] as const) {
      expect(await eve.timeout(2000).emitWithAck(event, payload)).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
      expect(await (await lobby()).timeout(2000).emitWithAck(event, payload)).toMatchObject({ ok: false, error: { code: 'unknown-event' } });
    }
    const row = await t.db.classroom.findUniqueOrThrow({ where: { id: c.classroomId } });
    expect([row.code, row.joinsLocked, await seats(c)]).toEqual([c.code, false, 1]);
  });
});

import { describe, expect, it } from 'vitest';
import { rosterReducer, type MemberRow, type RosterSnapshot } from './roster';
import { classSummary, dashboardRow, dashboardRows } from './dashboard-rows';

const now = new Date('2026-11-27T18:00:00Z');
const member = (id: string, patch: Partial<MemberRow> = {}): MemberRow => ({
  id, displayName: id, status: 'online', lastSeen: now.toISOString(), joinedAt: now.toISOString(), progress: {}, lastBuild: null, layerCount: 0, runningContainers: 0, ...patch,
});
const snapshot = (members: MemberRow[]): RosterSnapshot => ({
  classroom: { id: 'c', name: 'Class', code: 'ABC234', lessonSlug: null, starterDockerfile: null, starterVersion: 0, locked: false, joinsLocked: false, endedAt: null, classSize: 30 },
  members, messages: [], spotlight: null,
});

describe('roster reducer', () => {
  it('ignores updates before the first snapshot', () => {
    expect(rosterReducer(null, { type: 'row', row: member('a') })).toBeNull();
  });

  it('replaces a known row, appends a new one, and keeps messages unique', () => {
    let s = rosterReducer(null, { type: 'snapshot', snapshot: snapshot([member('a'), member('b')]) });
    s = rosterReducer(s, { type: 'row', row: member('b', { layerCount: 4 }) });
    s = rosterReducer(s, { type: 'row', row: member('c') });
    expect(s!.members.map((m) => [m.id, m.layerCount])).toEqual([['a', 0], ['b', 4], ['c', 0]]);
    const msg = { id: 'm1', text: 'hi', createdAt: now.toISOString() };
    s = rosterReducer(s, { type: 'message', message: msg });
    s = rosterReducer(s, { type: 'message', message: msg });
    expect(s!.messages).toHaveLength(1);
  });

  it('keeps the spotlight when a class change does not name it', () => {
    let s = rosterReducer(null, { type: 'snapshot', snapshot: { ...snapshot([]), spotlight: { kind: 'member', memberId: 'a', toLearners: false } } });
    s = rosterReducer(s, { type: 'class', classroom: { ...s!.classroom, locked: true } });
    expect(s!.classroom.locked).toBe(true);
    expect(s!.spotlight).toEqual({ kind: 'member', memberId: 'a', toLearners: false });
    s = rosterReducer(s, { type: 'class', classroom: s!.classroom, spotlight: null });
    expect(s!.spotlight).toBeNull();
  });
});

describe('dashboard rows', () => {
  it('say what each learner is doing', () => {
    expect(dashboardRow(member('a'), now)).toMatchObject({ connection: { label: 'Online', tone: 'ok' }, lesson: '—', build: { label: 'No build yet', tone: 'dim' }, layers: '—' });
    const failed = dashboardRow(member('b', {
      status: 'offline', lastSeen: new Date(now.getTime() - 180_000).toISOString(), progress: { step: 2, stepsTotal: 5, checksPassed: 3, checksTotal: 4 },
      lastBuild: { ok: false, line: 4, message: 'The command returned 127', at: now.toISOString() }, layerCount: 3, runningContainers: 2,
    }), now);
    expect(failed).toMatchObject({
      connection: { label: 'Offline · 3 min ago', tone: 'dim' }, lesson: 'Step 2/5 · 3/4 checks',
      build: { label: 'Failed at line 4', detail: 'The command returned 127', tone: 'danger' }, layers: '3', containers: '2',
    });
    expect(dashboardRow(member('c', { lastBuild: { ok: true, imageId: 'sha256:1', at: now.toISOString() }, layerCount: 7 }), now).build).toEqual({ label: 'Built OK', detail: null, tone: 'ok' });
  });

  it('say it in Chinese when the dashboard is in Chinese', () => {
    expect(dashboardRow(member('a'), now, 'zh')).toMatchObject({ connection: { label: '在线' }, lesson: '—', build: { label: '尚未构建' } });
    const failed = dashboardRow(member('b', {
      status: 'offline', lastSeen: new Date(now.getTime() - 2 * 3600_000).toISOString(), progress: { step: 2, stepsTotal: 5, checksPassed: 3, checksTotal: 4 },
      lastBuild: { ok: false, line: 4, message: 'The command returned 127', at: now.toISOString() },
    }), now, 'zh');
    expect(failed).toMatchObject({
      connection: { label: '离线 · 2 小时前' }, lesson: '第 2/5 步 · 通过 3/4 项',
      build: { label: '第 4 行失败', detail: 'The command returned 127' },
    });
    expect(dashboardRow(member('c', { status: 'offline', progress: { step: 1 } }), now, 'zh')).toMatchObject({ connection: { label: '离线 · 刚刚' }, lesson: '第 1 步' });
    expect(dashboardRows(snapshot([member('d', { lastBuild: { ok: true, imageId: 'i', at: '' } })]), now, 'zh')[0].build.label).toBe('构建成功');
  });

  it('put failing learners first, then by name, and sum up the class', () => {
    const s = snapshot([
      member('zoe', { lastBuild: { ok: true, imageId: 'i', at: '' } }),
      member('amy', { status: 'offline' }),
      member('max', { lastBuild: { ok: false, message: 'x', at: '' } }),
    ]);
    expect(dashboardRows(s, now).map((r) => r.name)).toEqual(['max', 'amy', 'zoe']);
    expect(classSummary(s)).toEqual({ joined: 3, online: 2, built: 1, failing: 1, cap: 30, full: false, lastJoined: { name: 'zoe', at: now.toISOString() } });
  });

  it('say when the class is full and who joined last', () => {
    const at = (min: number) => new Date(now.getTime() - min * 60_000).toISOString();
    const s = snapshot([member('amy', { joinedAt: at(9) }), member('bo', { joinedAt: at(2) }), member('cy', { joinedAt: at(5) })]);
    expect(classSummary(s)).toMatchObject({ joined: 3, full: false, lastJoined: { name: 'bo', at: at(2) } });
    expect(classSummary({ ...s, classroom: { ...s.classroom, classSize: 3 } })).toMatchObject({ full: true, cap: 3 });
    expect(classSummary(snapshot([])).lastJoined).toBeNull();
  });
});

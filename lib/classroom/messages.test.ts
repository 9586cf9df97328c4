import { describe, expect, it } from 'vitest';
import { Broadcast, CompactLayer, CreateClassroom, JoinClassroom, LearnerReport, SocketAuth, Spotlight, cleanText, compactLayer, zodMessage } from './messages';

describe('classroom messages', () => {
  it('keep hostile names verbatim apart from control characters', () => {
    const name = '<img src=x onerror=alert(1)>"&\'';
    const r = JoinClassroom.parse({ code: 'abc234', displayName: `  ${name}\u0000\u202e ` });
    expect(r.displayName).toBe(name);
    expect(r.code).toBe('ABC234');
    expect(cleanText('a\u200b\u202eb\n\tc')).toBe('a b c');
  });

  it('refuse empty, too long or blank-only names with a readable message', () => {
    const blank = JoinClassroom.safeParse({ code: 'ABC234', displayName: ' \u0007 ' });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0].message).toBe('Your name cannot be empty.');
    expect(JoinClassroom.safeParse({ code: 'ABC234', displayName: 'x'.repeat(41) }).success).toBe(false);
    expect(JoinClassroom.safeParse({ code: 'nope', displayName: 'Ann' }).error?.issues[0].message).toMatch(/6 letters/);
  });

  it('word a refusal again in the reader\'s language, in English as before', () => {
    const blank = JoinClassroom.safeParse({ code: 'nope', displayName: ' ' });
    expect(zodMessage(blank.error!)).toBe('A join code has 6 letters and digits, like ABC 234. Your name cannot be empty.');
    expect(zodMessage(blank.error!, 'zh')).toBe('加入码由 6 个字母和数字组成，例如 ABC 234。名字不能为空。');
    expect(zodMessage(CreateClassroom.safeParse({ name: 'x'.repeat(81) }).error!, 'zh')).toBe('课堂名称最多 80 个字符。');
    expect(zodMessage(CreateClassroom.safeParse({ name: 'x', starterDockerfile: 'A'.repeat(64 * 1024 + 1) }).error!, 'zh')).toBe('这里的 Dockerfile 最多 64 KB。');
    // zod's own messages have no phrase: a general sentence, once.
    const wrongTypes = LearnerReport.safeParse({ runningContainers: 'many', progress: 'far' });
    expect(zodMessage(wrongTypes.error!)).toMatch(/expected/);
    expect(zodMessage(wrongTypes.error!, 'zh')).toBe('课堂服务器无法识别这个请求。');
  });

  it('check classroom creation', () => {
    expect(CreateClassroom.parse({ name: ' Docker 101 ', lessonSlug: '07-docker-build' })).toEqual({ name: 'Docker 101', lessonSlug: '07-docker-build' });
    expect(CreateClassroom.safeParse({ name: 'x', lessonSlug: '../etc' }).success).toBe(false);
    expect(CreateClassroom.safeParse({ name: 'x', starterDockerfile: 'A'.repeat(64 * 1024 + 1) }).success).toBe(false);
  });

  it('check learner reports', () => {
    const ok = LearnerReport.safeParse({
      dockerfile: 'FROM busybox\n', runningContainers: 1,
      lastBuild: { ok: false, line: 3, message: 'exit 1', at: '2026-11-27T18:00:00Z' },
      layers: [{ createdBy: 'RUN x', sizeBytes: 10, line: 3, empty: false }],
    });
    expect(ok.success).toBe(true);
    expect(LearnerReport.safeParse({ runningContainers: -1 }).success).toBe(false);
    expect(LearnerReport.safeParse({ lastBuild: { ok: 'yes' } }).success).toBe(false);
    expect(LearnerReport.safeParse({ layers: Array(129).fill({ createdBy: '', sizeBytes: 0, empty: true }) }).success).toBe(false);
  });

  it('tell instructor and learner credentials apart', () => {
    expect(SocketAuth.safeParse({ role: 'instructor', classroomId: 'abc', secret: 's'.repeat(32) }).success).toBe(true);
    expect(SocketAuth.safeParse({ role: 'learner', classroomId: 'abc', memberId: 'm1', token: 't'.repeat(32) }).success).toBe(true);
    // A learner token offered as an instructor secret still needs the instructor's shape and is checked against the hash server-side.
    expect(SocketAuth.safeParse({ role: 'teacher', classroomId: 'abc', secret: 's'.repeat(32) }).success).toBe(false);
    expect(SocketAuth.safeParse({ role: 'instructor', classroomId: '../x', secret: 's'.repeat(32) }).success).toBe(false);
  });

  it('check broadcasts and spotlights', () => {
    expect(Broadcast.safeParse({ text: 'x'.repeat(281) }).success).toBe(false);
    expect(Broadcast.parse({ text: ' Break in 5 minutes ' }).text).toBe('Break in 5 minutes');
    expect(Spotlight.parse({ target: { kind: 'member', memberId: 'm1' } })).toEqual({ target: { kind: 'member', memberId: 'm1' }, toLearners: false });
    expect(Spotlight.parse({ target: null })).toEqual({ target: null, toLearners: false });
  });
});

describe('compactLayer', () => {
  it('cuts a long "created by" (the sandbox LABEL line carries the Dockerfile) so the report is accepted', () => {
    const createdBy = `/bin/sh -c #(nop)  LABEL org.layerlab.session=abc123abc123 org.layerlab.dockerfile=${'QUJD'.repeat(500)}`;
    const layer = compactLayer({ createdBy, sizeBytes: 0, empty: true, line: null });
    expect(layer.createdBy).toBe(createdBy.slice(0, 400));
    expect(CompactLayer.safeParse(layer).success).toBe(true);
    expect(CompactLayer.safeParse({ ...layer, createdBy }).success).toBe(false);
    expect(compactLayer({ createdBy: 'RUN x', sizeBytes: 5, line: 3 })).toEqual({ createdBy: 'RUN x', sizeBytes: 5, empty: false, line: 3 });
  });
});

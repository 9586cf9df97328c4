import { describe, expect, it } from 'vitest';
import { splitLockedReport } from './lock';

const stored = {
  dockerfile: 'FROM busybox:1.35\n',
  lastBuild: { ok: true as const, imageId: 'sha256:aaa', at: '2026-01-01T00:00:00.000Z' },
  layers: [{ createdBy: 'FROM', sizeBytes: 10, empty: false }],
};

describe('splitLockedReport', () => {
  it('takes everything while the class is open', () => {
    const r = { dockerfile: 'FROM debian\n', runningContainers: 2 };
    expect(splitLockedReport(false, stored, r)).toEqual({ accepted: r, refused: [] });
  });

  it('refuses a changed Dockerfile and a new build while locked, and keeps the rest', () => {
    const r = {
      dockerfile: 'FROM busybox:1.35\nRUN rm -rf /\n',
      lastBuild: { ok: false as const, message: 'x', at: '2026-01-01T00:01:00.000Z' },
      layers: [],
      runningContainers: 1,
      progress: { checksPassed: 2, checksTotal: 5 },
    };
    expect(splitLockedReport(true, stored, r)).toEqual({
      accepted: { runningContainers: 1, progress: { checksPassed: 2, checksTotal: 5 } },
      refused: ['dockerfile', 'lastBuild', 'layers'],
    });
  });

  it('does not count values equal to the stored ones as changes (a reconnect resends them)', () => {
    const r = { dockerfile: stored.dockerfile, lastBuild: { ...stored.lastBuild }, layers: [...stored.layers], runningContainers: 0 };
    expect(splitLockedReport(true, stored, r)).toEqual({ accepted: { runningContainers: 0 }, refused: [] });
  });

  it('refuses locked fields of a learner the server has no record of', () => {
    expect(splitLockedReport(true, null, { dockerfile: 'FROM x' }).refused).toEqual(['dockerfile']);
  });
});

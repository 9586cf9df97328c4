import { describe, expect, it } from 'vitest';
import { parseSaved, sessionUsable } from './persist';
import { EventPacer } from './event-pacer';
import type { BuildEvent } from '@/lib/protocol';

describe('saved playground', () => {
  it('restores a saved document and fills defaults added later', () => {
    const s = parseSaved(JSON.stringify({ dockerfile: 'FROM busybox', files: { a: 'x', b: { base64: 'AA==' } }, session: { id: 's', token: 't', expiresAt: '2030-01-01T00:00:00Z' } }));
    expect(s).toMatchObject({ dockerfile: 'FROM busybox', tag: 'myapp:1', noCache: false, selectedImage: null });
    expect(s?.files.b).toEqual({ base64: 'AA==' });
  });
  it('starts fresh from broken or foreign data', () => {
    expect(parseSaved('{not json')).toBeNull();
    expect(parseSaved(JSON.stringify({ dockerfile: 3 }))).toBeNull();
    expect(parseSaved(null)).toBeNull();
  });
  it('reuses a session only while it has time left', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(sessionUsable({ id: 's', token: 't', expiresAt: '2026-11-27T13:00:00Z' }, now)).toBe(true);
    expect(sessionUsable({ id: 's', token: 't', expiresAt: '2026-11-27T12:00:10Z' }, now)).toBe(false);
    expect(sessionUsable(null, now)).toBe(false);
  });
});

describe('EventPacer', () => {
  it('keeps order and content, and spaces phase changes out', () => {
    let t = 0;
    const timers: { at: number; fn: () => void }[] = [];
    const seen: [number, string][] = [];
    const pacer = new EventPacer((e) => seen.push([t, e.type]), 100, () => t,
      ((fn: () => void, ms: number) => { timers.push({ at: t + ms, fn }); return 0 as never; }) as never);
    const evs: BuildEvent[] = [
      { type: 'step', index: 1, total: 2, instruction: 'FROM a', line: 1 },
      { type: 'output', index: 1, text: 'x' },
      { type: 'layer', index: 1, imageId: 'i1', cached: true },
      { type: 'step', index: 2, total: 2, instruction: 'ENV a=b', line: 2 },
      { type: 'done', imageId: 'i2', tag: null },
    ];
    evs.forEach((e) => pacer.push(e));
    while (timers.length) { const next = timers.shift()!; t = next.at; next.fn(); }
    expect(seen.map((s) => s[1])).toEqual(['step', 'output', 'layer', 'step', 'done']);
    expect(seen.map((s) => s[0])).toEqual([0, 0, 100, 200, 200]);
    expect(pacer.pending).toBe(0);
  });
});

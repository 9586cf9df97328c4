import { describe, expect, it } from 'vitest';
import { pathsToChanges, unionEntries, visibleEntries, type LayerFile } from './union';
import diffFixture from './fixtures/diff.json';
import type { DiffEntry } from '../protocol';

const base: LayerFile[] = [
  { path: 'bin', kind: 'A' }, { path: 'bin/sh', kind: 'A', sizeBytes: 1000 }, { path: 'bin/vi', kind: 'A', sizeBytes: 1000 },
  { path: 'bin-x', kind: 'A' }, { path: 'etc', kind: 'A' }, { path: 'etc/passwd', kind: 'A', sizeBytes: 300 },
  { path: 'tmp', kind: 'A' }, { path: 'tmp/cache', kind: 'A' }, { path: 'tmp/cache/a', kind: 'A', sizeBytes: 5 },
];
const run: LayerFile[] = [{ path: 'site', kind: 'A' }, { path: 'site/build-info.txt', kind: 'A', sizeBytes: 18 }, { path: 'tmp/cache', kind: 'D' }];

describe('unionEntries', () => {
  const entries = unionEntries([base, run], diffFixture.diff as DiffEntry[]);
  const by = (p: string) => entries.find((e) => e.path === p);

  it('gives every path the topmost layer that provides it', () => {
    expect(by('/bin/sh')?.source).toBe(0);
    expect(by('/site/build-info.txt')?.source).toBe(1);
    expect(by('/site/new.txt')?.source).toBe('rw');
    expect(by('/etc/passwd')?.source).toBe('rw'); // changed in the container: the copy-up wins
  });

  it('shows whiteouts and hides what they cover', () => {
    expect(by('/tmp/cache')).toMatchObject({ whiteout: true, source: 1 });
    expect(by('/tmp/cache/a')).toBeUndefined();
    expect(by('/bin/vi')).toMatchObject({ whiteout: true, source: 'rw' });
  });

  it('orders a directory\'s children right after it', () => {
    const paths = entries.map((e) => e.path);
    expect(paths.indexOf('/bin/sh')).toBe(paths.indexOf('/bin') + 1);
    expect(paths.indexOf('/bin-x')).toBeGreaterThan(paths.indexOf('/bin/vi'));
    expect(by('/bin')?.hasChildren).toBe(true);
    expect(by('/bin/sh')?.depth).toBe(1);
  });

  it('adds directories no layer listed', () => {
    const e = unionEntries([[{ path: 'a/b/c.txt', kind: 'A' }]]);
    expect(e.map((x) => [x.path, x.source])).toEqual([['/a', null], ['/a/b', null], ['/a/b/c.txt', 0]]);
  });
});

describe('visibleEntries', () => {
  it('shows top-level paths, plus the insides of opened directories', () => {
    const entries = unionEntries([base, run]);
    expect(visibleEntries(entries, new Set()).map((e) => e.path)).toEqual(['/bin', '/bin-x', '/etc', '/site', '/tmp']);
    expect(visibleEntries(entries, new Set(['/site'])).map((e) => e.path)).toContain('/site/build-info.txt');
  });
  it('opens the way to the container\'s own changes', () => {
    const entries = unionEntries([base], diffFixture.diff as DiffEntry[]);
    expect([...pathsToChanges(entries)].sort()).toEqual(['/bin', '/etc', '/site']);
  });
});

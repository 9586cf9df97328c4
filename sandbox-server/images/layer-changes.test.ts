import { describe, expect, it } from 'vitest';
import { layerChanges } from './layer-changes';

describe('layerChanges', () => {
  it('tells added from changed by what the layers below left', () => {
    const below = new Set<string>();
    const base = layerChanges([
      { path: './etc/', size: 0, type: 'directory' },
      { path: './etc/motd', size: 5, type: 'file' },
    ], below);
    expect(base.map((c) => c.kind)).toEqual(['A', 'A']);
    const top = layerChanges([
      { path: 'etc/', size: 0, type: 'directory' },
      { path: 'etc/motd', size: 9, type: 'file' },
      { path: 'etc/new', size: 1, type: 'file' },
    ], below);
    expect(top).toEqual([
      { path: '/etc', kind: 'C', sizeBytes: 0, type: 'directory' },
      { path: '/etc/motd', kind: 'C', sizeBytes: 9, type: 'file' },
      { path: '/etc/new', kind: 'A', sizeBytes: 1, type: 'file' },
    ]);
  });

  it('turns whiteouts into deletions, whole trees included', () => {
    const below = new Set(['/a', '/a/b', '/a/b/c', '/x']);
    const changes = layerChanges([{ path: '.wh.a', size: 0, type: 'file' }], below);
    expect(changes).toEqual([{ path: '/a', kind: 'D', sizeBytes: 0, type: 'whiteout' }]);
    expect([...below]).toEqual(['/x']);
  });

  it('hides a directory\'s older content behind an opaque marker', () => {
    const below = new Set(['/d', '/d/old']);
    const changes = layerChanges([
      { path: 'd/', size: 0, type: 'directory' },
      { path: 'd/.wh..wh..opq', size: 0, type: 'file' },
      { path: 'd/new', size: 2, type: 'file' },
    ], below);
    expect(changes.map((c) => `${c.kind} ${c.path}`)).toEqual(['C /d', 'D /d/old', 'A /d/new']);
  });
});

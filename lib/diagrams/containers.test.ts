import { describe, expect, it } from 'vitest';
import type { Container, Layer, WorldSnapshot } from '../protocol';
import { containersAttrs, sortDiff } from './containers';
import layersFixture from './fixtures/starter-layers.json';
import diffFixture from './fixtures/diff.json';

const layers = layersFixture.layers as Layer[];
const diff = diffFixture.diff as Container['diff'];
const imageId = layers[layers.length - 1].id;

function container(id: string, state: Container['state'], extra: Partial<Container> = {}): Container {
  return { id: id.padEnd(64, '0'), image: 'myapp:1', imageId, state, createdAt: `2026-11-27T17:00:0${id.length}Z`, cmd: ['httpd', '-f', '-v', '-p', '8080', '-h', '/site'], ...extra };
}

function world(containers: Container[]): WorldSnapshot {
  return {
    sessionId: 's1', at: '2026-11-27T17:00:00Z', containers,
    images: [{ id: imageId, tags: ['myapp:1'], createdAt: '2026-11-27T17:00:00Z', sizeBytes: 1984266, catalog: false, layers }],
  };
}

describe('containersAttrs', () => {
  it('draws the image stack once for all the containers that share it', () => {
    const a = containersAttrs(world([container('a', 'running', { diff }), container('bb', 'created'), container('ccc', 'exited', { exitCode: 137 })]), { width: 900 });
    expect(a.groups).toHaveLength(1);
    const g = a.groups[0];
    expect(g.cards).toHaveLength(3);
    expect(g.title).toContain('3 containers share');
    // The stack sits under every card and spans them all.
    for (const c of g.cards) {
      expect(c.y + c.height).toBeLessThanOrEqual(g.stack.y);
      expect(c.x).toBeGreaterThanOrEqual(g.stack.x);
      expect(c.x + c.width).toBeLessThanOrEqual(g.stack.x + g.stack.width);
    }
    expect(g.stack.blocks).toHaveLength(layers.length);
    expect(g.stack.blocks[0].key.startsWith(`${layers.length - 1}:`)).toBe(true); // top layer first
  });

  it('draws a process space with PID 1 only around running containers', () => {
    const g = containersAttrs(world([container('a', 'running'), container('bb', 'created'), container('ccc', 'exited', { exitCode: 0 })]), { width: 900 }).groups[0];
    const [running, created, exited] = g.cards;
    expect(running.process?.label).toBe('PID 1: httpd -f -v -p 8080 -h /site');
    expect(created.process).toBeNull();
    expect(exited.process).toBeNull();
    expect(exited.status).toBe('exited (0), success');
    expect(exited.outcome).toBe('success');
    expect(created.status).toBe('created');
  });

  it('lists the live diff in the writable layer, deletions as whiteouts, learner changes first', () => {
    const c = containersAttrs(world([container('a', 'running', { diff })]), { width: 600, maxDiffRows: 4 }).groups[0].cards[0];
    expect(c.writable.rows.map((r) => `${r.kind} ${r.label}`)).toEqual(['A /site', 'A /site/new.txt', 'D /bin/vi', 'C /bin']);
    expect(c.writable.rows.find((r) => r.kind === 'D')?.whiteout).toBe(true);
    expect(c.writable.more).toBe(2);
    expect(c.ariaLabel).toContain('2 added, 3 changed, 1 deleted');
    for (const r of c.writable.rows) {
      expect(r.y).toBeGreaterThan(c.writable.y);
      expect(r.y).toBeLessThan(c.writable.y + c.writable.height);
    }
  });

  it('wraps cards to the available width', () => {
    const many = Array.from({ length: 5 }, (_, i) => container('x'.repeat(i + 1), 'created'));
    const g = containersAttrs(world(many), { width: 500 }).groups[0];
    for (const c of g.cards) expect(c.x + c.width).toBeLessThanOrEqual(500);
    expect(new Set(g.cards.map((c) => c.y)).size).toBeGreaterThan(1);
  });

  it('is empty without containers', () => {
    expect(containersAttrs(world([]), { width: 500 })).toEqual({ groups: [], width: 500, height: 0 });
  });
});

describe('sortDiff', () => {
  it('puts additions, then deletions, then changed parents', () => {
    expect(sortDiff(diff!).map((d) => d.kind).join('')).toBe('AADCCC');
  });
});

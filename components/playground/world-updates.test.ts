import { describe, expect, it } from 'vitest';
import { parseWorldUpdate } from './world-updates';

const container = {
  id: '8bb9cb5068425fad', image: 'busybox:1.35', imageId: 'sha256:ab0dd57574b6', state: 'running',
  createdAt: '2026-11-27T17:43:08.402Z', cmd: ['sleep', '30'],
};

describe('parseWorldUpdate', () => {
  it('passes valid updates through', () => {
    const u = parseWorldUpdate({ type: 'container', container: { ...container, diff: [{ path: '/tmp', kind: 'C' }] } });
    expect(u).toEqual({ type: 'container', container: { ...container, diff: [{ path: '/tmp', kind: 'C' }] } });
  });
  it('keeps a container whose diff arrived as a serialised Buffer (seen from the sandbox for an empty diff)', () => {
    const u = parseWorldUpdate({ type: 'container', container: { ...container, diff: { type: 'Buffer', data: [0, 0, 0, 0, 0] } } });
    expect(u).toEqual({ type: 'container', container });
  });
  it('repairs the containers of a snapshot the same way', () => {
    const u = parseWorldUpdate({ type: 'snapshot', snapshot: { sessionId: 's', images: [], at: 'now', containers: [{ ...container, diff: { type: 'Buffer', data: [] } }] } });
    expect(u?.type === 'snapshot' && u.snapshot.containers[0]).toEqual(container);
  });
  it('rejects what is not a world update', () => {
    expect(parseWorldUpdate({ type: 'container', container: { id: 1 } })).toBeNull();
    expect(parseWorldUpdate('hello')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { forkIntoStorage, forkedPlaygroundDoc, PLAYGROUND_STORAGE_KEY, type StorageLike } from './fork';
import { parseSaved, STORAGE_KEY } from '@/components/playground/persist';
import type { ShareSnapshot } from './snapshot';

class MemoryStorage implements StorageLike {
  data = new Map<string, string>();
  getItem(k: string) { return this.data.get(k) ?? null; }
  setItem(k: string, v: string) { this.data.set(k, v); }
}

const snapshot: ShareSnapshot = {
  title: 'Two layers',
  dockerfile: 'FROM busybox\nCOPY hello.txt /\n',
  files: { 'hello.txt': 'hi\n', 'bin/x': { base64: 'AAEC' } },
  commands: [['cat', '/hello.txt']],
  replay: false,
};

describe('fork into the playground', () => {
  it('writes the key and shape the playground reads back', () => {
    expect(PLAYGROUND_STORAGE_KEY).toBe(STORAGE_KEY);
    const storage = new MemoryStorage();
    forkIntoStorage(storage, snapshot);
    const saved = parseSaved(storage.getItem(STORAGE_KEY));
    expect(saved).not.toBeNull();
    expect(saved!.dockerfile).toBe(snapshot.dockerfile);
    expect(saved!.files).toEqual(snapshot.files);
  });

  it('keeps the learner’s sandbox session and tag, replaces the document', () => {
    const storage = new MemoryStorage();
    const session = { id: 's1', token: 't', expiresAt: '2099-01-01T00:00:00.000Z' };
    storage.setItem(STORAGE_KEY, JSON.stringify({ dockerfile: 'FROM old', files: { old: 'x' }, tag: 'mine:2', session }));
    forkIntoStorage(storage, snapshot);
    const doc = JSON.parse(storage.getItem(STORAGE_KEY)!);
    expect(doc).toMatchObject({ dockerfile: snapshot.dockerfile, files: snapshot.files, tag: 'mine:2', session, title: 'Two layers' });
  });

  it('copies the snapshot: editing the fork never changes the share', () => {
    const original = structuredClone(snapshot);
    const doc = forkedPlaygroundDoc(snapshot, null) as { files: Record<string, { base64: string } | string> };
    (doc.files['bin/x'] as { base64: string }).base64 = 'BBBB';
    doc.files['hello.txt'] = 'changed';
    expect(snapshot).toEqual(original);
  });

  it('replaces a damaged entry whole', () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, '{not json');
    forkIntoStorage(storage, snapshot);
    expect(parseSaved(storage.getItem(STORAGE_KEY))?.dockerfile).toBe(snapshot.dockerfile);
  });
});

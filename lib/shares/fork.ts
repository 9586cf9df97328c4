// Fork: a share becomes the learner's own editable playground. The
// playground keeps its document in localStorage (components/playground/
// persist.ts, key below); a fork writes a document of that shape and then
// navigates to /play. The share itself is never touched: the snapshot is
// copied, so later edits land in the copy only.
import type { ShareSnapshot } from './snapshot';

export const PLAYGROUND_STORAGE_KEY = 'layerlab.playground.v1';
const DEFAULT_TAG = 'myapp:1';

export interface StorageLike { getItem(key: string): string | null; setItem(key: string, value: string): void }

// Keeps the learner's sandbox session and image tag, so a fork does not cost
// them a new sandbox; everything about the document comes from the share.
export function forkedPlaygroundDoc(snapshot: ShareSnapshot, previousRaw: string | null): Record<string, unknown> {
  let previous: Record<string, unknown> = {};
  try {
    const parsed = previousRaw ? JSON.parse(previousRaw) : null;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) previous = parsed;
  } catch { /* a damaged entry is replaced whole */ }
  return {
    dockerfile: snapshot.dockerfile,
    files: structuredClone(snapshot.files),
    title: snapshot.title,
    tag: typeof previous.tag === 'string' ? previous.tag : DEFAULT_TAG,
    noCache: false,
    session: previous.session ?? null,
    selectedImage: null,
  };
}

export function forkIntoStorage(storage: StorageLike, snapshot: ShareSnapshot): void {
  const doc = forkedPlaygroundDoc(snapshot, storage.getItem(PLAYGROUND_STORAGE_KEY));
  storage.setItem(PLAYGROUND_STORAGE_KEY, JSON.stringify(doc));
}

// Which image changes made outside this server can change an answer the
// images listing gives. Its readers (a build's checks and cache sources,
// quotas, the world view, the reaper) only ever ask about two kinds of
// image: the catalog's, and the sessions' (by their names). Somebody's own
// `docker build -t myapp:1` on the same engine changes neither, so the
// listing the next build waits for stays good (coalescing-engine.ts).
// A change is judged against the last listing: what it held of those two
// kinds, by id and by name.
import type { ImageSummary } from './engine';
import { isCatalogImage, ownersOf } from '../labels';
import { isRegistryRef } from '../sessions/names';

export interface EngineEvent { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } }

export interface Watched { ids: ReadonlySet<string>; names: ReadonlySet<string> }

// Build cache, kept images and registry names are all under these.
const isSessionName = (name: string) => name.startsWith('layerlab/') || isRegistryRef(name);

export function watchedIn(images: readonly ImageSummary[]): Watched {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const i of images) {
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    if (!(isCatalogImage(i.Labels, tags) || ownersOf(i.Labels).length || tags.some(isSessionName))) continue;
    ids.add(i.Id);
    for (const t of tags) names.add(t);
  }
  return { ids, names };
}

export function changesWatched(ev: EngineEvent, watched: Watched): boolean {
  // A container's commit: whatever it makes is named by a tag event of its
  // own, but a commit is rare enough to read everything again.
  if (ev.Type !== 'image') return true;
  const attrs = ev.Actor?.Attributes ?? {};
  const name = attrs.name ?? '';
  // These name the image by id only (a name was taken off, or it is gone).
  if (ev.Action === 'untag' || ev.Action === 'delete') return watched.ids.has(ev.Actor?.ID ?? '');
  // tag, import, load, pull: a watched name moved, a session name appeared,
  // or the name is a catalog name of the image it now points at (an image
  // event carries that image's labels).
  return watched.names.has(name) || isSessionName(name) || isCatalogImage(attrs, [name]);
}

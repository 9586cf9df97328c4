// Which images a build may take cached steps from.
//
// Left alone, the classic builder reuses any image on the engine whose parent
// and instruction match, so one learner's build would silently reuse the step
// images of another's: it tells a learner what others have built, and a
// lesson about the cache would pass or fail by chance. Given cache-from
// sources, the builder reuses only steps found in the history of those images.
// The sources are the session's own images (built, committed or kept as
// cache) and the catalog's bases, so a session's first build runs every step,
// as on a fresh machine, and its rebuilds hit the cache as usual.
// A build may also name a class starter (builds/starters.ts): the server
// built it from the instructor's Dockerfile, not from another learner's, so
// a class's 30 first builds share its unchanged steps as they would on one
// engine, and still never each other's.
import type { ImageSummary } from '../engine/engine';
import { catalogTagsOf, isStarterImage, ownedBy } from '../labels';
import { buildCacheRepo } from '../sessions/names';

export function cacheSources(sessionId: string, images: ImageSummary[], starter?: string, starterOf: (sessionId: string) => string | undefined = () => undefined): string[] {
  const cacheRepo = `${buildCacheRepo(sessionId)}:`;
  const own = images
    .filter((i) => ownedBy(i.Labels, sessionId) || (i.RepoTags ?? []).some((t) => t.startsWith(cacheRepo)))
    .map((i) => i.Id);
  const bases = images.flatMap((i) => catalogTagsOf(i.Labels, i.RepoTags));
  const starters = starter ? images.filter((i) => isStarterImage(i.Labels, starter, starterOf)).map((i) => i.Id) : [];
  // Never empty: with no sources at all the builder falls back to every image.
  return [...new Set([...own, ...starters, ...bases, 'busybox:latest'])];
}

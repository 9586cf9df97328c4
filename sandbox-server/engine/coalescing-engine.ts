// The engine as the server's services see it: identical concurrent
// listings share one call (see Coalescer), and every call that may change
// the engine's images or containers marks the change when it finishes, so
// later listings, and tallies kept by image version (Quotas), start afresh.
//
// The images listing is the one every build waits for (quota, disk cap,
// catalog, the session's own images and its cache sources all come from
// it): 10-20 ms idle, the largest part of the server's own time in a
// cache-hit build. So with `reuseListingMs` the last listing is reused
// while nothing has changed. Changes made through this server mark
// themselves; changes made by anyone else (a CLI, another process) are
// heard on the engine's event stream, and while that stream is down
// nothing is reused. Of those, only changes to the catalog's or the
// sessions' images count (listing-relevance.ts): a CLI user's own builds
// on the same engine leave the listing good. After a change of our own, when no build is running,
// the listing is read again in the background, so the next request
// finds it ready instead of waiting for it.
import type { Readable } from 'node:stream';
import type { Engine } from './engine';
import { Coalescer } from './coalesce';
import { jsonLines } from '../builds/ndjson';
import { imagePrefix } from '../sessions/names';
import { Labels } from '../labels';
import { changesWatched, watchedIn, type EngineEvent, type Watched } from './listing-relevance';

export interface EngineVersions { images(): number; containers(): number }

export interface CoalescingOptions {
  /** How long a listing of every image may be reused while nothing changed (0: never). */
  reuseListingMs?: number;
}

// Calls that change nothing a listing shows; anything not named here counts
// as a change of both, so a method added later is safe by default.
const READS = new Set<string>(['info', 'storage', 'listContainers', 'listImages', 'listDanglingImages', 'inspectContainer', 'containerSize', 'inspectImage', 'imageHistory', 'containerDiff', 'exportImage', 'events', 'inspectNetwork', 'pushImage', 'containerLogs']);
const IMAGES_ONLY = new Set<string>(['removeImage', 'tagImage', 'commit']);
// Writes land in a container's layer (its size in a listing).
const CONTAINERS_ONLY = new Set<string>(['createContainer', 'startContainer', 'stopContainer', 'killContainer', 'removeContainer', 'exec', 'openTerminal']);
// These answer with a stream; the engine's change is done when it ends.
const STREAMED = new Set<string>(['build', 'pullImage']);
// What the engine reports when its images change (container `commit` makes one).
const IMAGE_CHANGES = ['tag', 'untag', 'delete', 'import', 'load', 'pull', 'commit'];
const EVERY_IMAGE = `listImages${JSON.stringify([[]])}`;
// A listing nobody has asked for in this long is not read again in the background.
const REFRESH_WHILE_USED_MS = 60_000;
const REFRESH_AFTER_MS = 10;

// Session images (layerlab/s-<id>/…, and their build cache) and session
// containers change only through a sandbox server, which marks its own
// changes as it makes them; another server's sessions are not ours to list.
const SESSION_IMAGES = imagePrefix('').slice(0, -1);
function external(ev: EngineEvent): boolean {
  const attrs = ev.Actor?.Attributes ?? {};
  return !(attrs[Labels.session] || (attrs.name ?? '').startsWith(SESSION_IMAGES));
}

export function coalescingEngine(engine: Engine, options: CoalescingOptions = {}): Engine & { versions: EngineVersions; stopWatching(): void } {
  const reuseMs = options.reuseListingMs ?? 0;
  let hearing = false;
  const images = new Coalescer(reuseMs > 0 ? { maxAgeMs: reuseMs, allowed: () => hearing } : undefined);
  const containers = new Coalescer();
  let buildsRunning = 0;
  let lastAsked = 0;
  let refreshQueued = false;
  // What the newest listing of every image held of the catalog and the
  // sessions: others' changes are judged against it. While a listing is
  // being read, every change counts (it may or may not be in that listing).
  let watched: Watched | undefined;
  let reading = 0;
  const readEvery = () => {
    const version = images.version;
    reading++;
    return engine.listImages([]).then((list) => {
      if (images.version === version) watched = watchedIn(list);
      return list;
    }).finally(() => { reading--; });
  };
  const listEvery = () => images.run(EVERY_IMAGE, readEvery);
  const refresh = () => {
    if (!hearing || refreshQueued || buildsRunning > 0 || Date.now() - lastAsked > REFRESH_WHILE_USED_MS) return;
    refreshQueued = true;
    // A burst of changes (a reaper sweep, a class's builds ending) reads once.
    setTimeout(() => { refreshQueued = false; listEvery().catch(() => undefined); }, REFRESH_AFTER_MS).unref();
  };
  const changed = (name: string) => {
    if (!CONTAINERS_ONLY.has(name)) { images.bump(); refresh(); }
    if (!IMAGES_ONLY.has(name)) containers.bump();
  };

  // Build streams whose caller said they changed nothing (a rebuild that
  // only met the cache and ends on the image its tag already named).
  const unchanged = new WeakSet<Readable>();

  const watching = new AbortController();
  if (reuseMs > 0) void (async () => {
    while (!watching.signal.aborted) {
      try {
        const stream = await engine.events({ type: ['image', 'container'], event: IMAGE_CHANGES }, watching.signal);
        // Whatever happened while nobody listened is unknown: start afresh.
        hearing = true;
        images.bump();
        for await (const ev of jsonLines(stream)) {
          const event = ev as EngineEvent;
          if (external(event) && (!watched || reading > 0 || changesWatched(event, watched))) { images.bump(); refresh(); }
        }
      } catch { /* reconnect below */ }
      hearing = false;
      images.bump();
      if (!watching.signal.aborted) await new Promise((r) => setTimeout(r, 1000).unref());
    }
  })();

  // Each caller gets its own array: one caller's filter or sort is not another's.
  const shared = <T>(c: Coalescer, key: string, call: () => Promise<T[]>) => c.run(key, call).then((r) => [...r]);
  const versions: EngineVersions = { images: () => images.version, containers: () => containers.version };
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === 'versions') return versions;
      if (prop === 'stopWatching') return () => watching.abort();
      if (prop === 'markUnchanged') return (stream: Readable) => { unchanged.add(stream); };
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const name = prop;
      const call = (...args: unknown[]) => value.apply(target, args);
      if (name === 'listImages' || name === 'listDanglingImages') {
        return (...args: unknown[]) => {
          const key = `${name}${JSON.stringify(args)}`;
          if (key === EVERY_IMAGE) { lastAsked = Date.now(); return shared(images, key, readEvery); }
          return shared(images, key, () => call(...args));
        };
      }
      if (name === 'listContainers') return (...args: unknown[]) => shared(containers, JSON.stringify(args), () => call(...args));
      if (READS.has(name)) return call;
      return async (...args: unknown[]) => {
        let streaming = false;
        try {
          if (name === 'build') buildsRunning++;
          const out = await call(...args);
          if (STREAMED.has(name)) {
            streaming = true;
            const stream = out as Readable;
            let ended = false;
            const end = () => {
              if (ended) return;
              ended = true;
              if (name === 'build') buildsRunning--;
              if (!unchanged.has(stream)) changed(name);
            };
            stream.once('end', end);
            stream.once('close', end);
            stream.once('error', end);
          }
          return out;
        } finally {
          if (!streaming && name === 'build') buildsRunning--;
          // A streamed change counts when its stream ends (above).
          if (!streaming) changed(name);
        }
      };
    },
  }) as Engine & { versions: EngineVersions; stopWatching(): void };
}

// The engine as the server's services see it: identical concurrent
// listings share one call (see Coalescer), and every call that may change
// the engine's images or containers marks the change when it finishes, so
// later listings, and tallies kept by image version (Quotas), start afresh.
import type { Readable } from 'node:stream';
import type { Engine } from './engine';
import { Coalescer } from './coalesce';

export interface EngineVersions { images(): number; containers(): number }

// Calls that change nothing a listing shows; anything not named here counts
// as a change of both, so a method added later is safe by default.
const READS = new Set<string>(['info', 'listContainers', 'listImages', 'listDanglingImages', 'inspectContainer', 'inspectImage', 'imageHistory', 'containerDiff', 'exportImage', 'events', 'inspectNetwork', 'pushImage']);
const IMAGES_ONLY = new Set<string>(['removeImage', 'tagImage', 'commit']);
// Writes land in a container's layer (its size in a listing).
const CONTAINERS_ONLY = new Set<string>(['createContainer', 'startContainer', 'stopContainer', 'killContainer', 'removeContainer', 'exec', 'openTerminal']);
// These answer with a stream; the engine's change is done when it ends.
const STREAMED = new Set<string>(['build', 'pullImage']);

export function coalescingEngine(engine: Engine): Engine & { versions: EngineVersions } {
  const images = new Coalescer();
  const containers = new Coalescer();
  const changed = (name: string) => {
    if (!CONTAINERS_ONLY.has(name)) images.bump();
    if (!IMAGES_ONLY.has(name)) containers.bump();
  };
  // Each caller gets its own array: one caller's filter or sort is not another's.
  const shared = <T>(c: Coalescer, key: string, call: () => Promise<T[]>) => c.run(key, call).then((r) => [...r]);
  const versions: EngineVersions = { images: () => images.version, containers: () => containers.version };
  return new Proxy(engine, {
    get(target, prop, receiver) {
      if (prop === 'versions') return versions;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || typeof prop !== 'string') return value;
      const name = prop;
      const call = (...args: unknown[]) => value.apply(target, args);
      if (name === 'listImages' || name === 'listDanglingImages') return (...args: unknown[]) => shared(images, `${name}${JSON.stringify(args)}`, () => call(...args));
      if (name === 'listContainers') return (...args: unknown[]) => shared(containers, JSON.stringify(args), () => call(...args));
      if (READS.has(name)) return call;
      return async (...args: unknown[]) => {
        try {
          const out = await call(...args);
          if (STREAMED.has(name)) {
            const stream = out as Readable;
            stream.once('end', () => changed(name));
            stream.once('close', () => changed(name));
          }
          return out;
        } finally { changed(name); }
      };
    },
  }) as Engine & { versions: EngineVersions };
}

// Class starters: the instructor's Dockerfile, built once by the server so
// that the class's first builds reuse its unchanged steps, as 30 builds on
// one engine reuse each other's. Each starter is built in a session of its
// own (so expiry, the disk cap and the reaper treat it like any other) and
// its result is labelled with the starter's key: a hash of the Dockerfile
// and files, so a key names content, not a person. A build opts in by
// sending the key; it never gets another learner's steps (cache-sources.ts).
import { createHash } from 'node:crypto';
import type { BuildEvent, StarterRequest } from '../../lib/protocol';
import { ApiFailure } from '../errors';
import { isStarterImage, Labels, ownersOf } from '../labels';
import type { Reaper } from '../reaper';
import type { Quotas } from '../sessions/quotas';
import type { SessionStore } from '../sessions/session-store';
import type { BuildService } from './build-service';
import type { Limiter } from '../../rate-limiter/limiters';

export interface StarterAnswer { key: string; imageId: string; built: boolean }

/** The same Dockerfile and files give the same key, whatever the order of the files. */
export function starterKey(req: StarterRequest): string {
  const files = Object.entries(req.files ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([req.dockerfile, files])).digest('hex').slice(0, 16);
}

export class StarterService {
  private readonly pending = new Map<string, Promise<StarterAnswer>>();

  constructor(
    private readonly sessions: SessionStore,
    private readonly builds: BuildService,
    private readonly quotas: Quotas,
    private readonly reaper: Reaper,
    // The sessions' own limit: a new starter is a new session.
    private readonly limiter: Limiter,
  ) {}

  // The starter's image, built now if no live one exists. Concurrent asks
  // for one key share one build.
  async warm(req: StarterRequest, address: string): Promise<StarterAnswer> {
    const key = starterKey(req);
    const found = await this.find(key);
    if (found) return { key, imageId: found, built: false };
    const running = this.pending.get(key);
    if (running) return running;
    const job = this.build(key, req, address).finally(() => this.pending.delete(key));
    this.pending.set(key, job);
    return job;
  }

  // A live starter's image id; finding it keeps its session alive.
  async find(key: string): Promise<string | undefined> {
    const { images } = await this.quotas.listImages();
    for (const i of images) {
      if (!isStarterImage(i.Labels, key, (id) => this.sessions.get(id)?.starter)) continue;
      // The starter's own session, also when a learner's build that met
      // every step in its cache holds the image too (two owners).
      const session = ownersOf(i.Labels).map((id) => this.sessions.get(id)).find((s) => s?.starter === key);
      if (!session) continue;
      this.sessions.touch(session);
      return i.Id;
    }
    return undefined;
  }

  private async build(key: string, req: StarterRequest, address: string): Promise<StarterAnswer> {
    // Only a new build costs the host anything: that is what is limited.
    const decision = await this.limiter.take(address);
    if (!decision.ok) throw new ApiFailure('quota', `Too many new starters and sessions from your address. Try again in ${decision.retryAfterSeconds} s.`, decision);
    // The starter's session is the asking address's, under its cap like any other.
    const { session } = await this.sessions.create(address, { starter: key });
    let last: BuildEvent | undefined;
    try {
      const prepared = await this.builds.prepare(session, { dockerfile: req.dockerfile, files: req.files, tag: 'starter:1' }, { labels: { [Labels.starter]: key } });
      await this.builds.run(prepared, (e) => { if (e.type === 'done' || e.type === 'error') last = e; });
    } catch (err) {
      await this.reaper.removeSession(session.id).catch(() => undefined);
      throw err;
    }
    if (last?.type === 'done') return { key, imageId: last.imageId, built: true };
    await this.reaper.removeSession(session.id).catch(() => undefined);
    const where = last?.type === 'error' && last.line ? ` (line ${last.line})` : '';
    throw new ApiFailure('bad_request', `The starter does not build${where}: ${last?.type === 'error' ? last.message : 'the build ended without a result'}`);
  }
}

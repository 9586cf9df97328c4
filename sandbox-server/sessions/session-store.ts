// Sessions: an id, a bearer token and an expiry. The engine is the only
// store: each session has a never-started marker container whose labels hold
// the token's SHA-256 and the expiry, so a restarted server (even after
// kill -9) finds every session again from the engine alone.
//
// Extending expiry on activity: labels of a container cannot be edited, so
// activity moves the expiry in memory at once and, at most once a minute,
// writes it to the engine by creating a fresh marker with the new expiry and
// then removing the older ones. Recovery takes the newest expiry among a
// session's markers, so a crash between the two steps loses nothing, and a
// crash before the write loses at most a minute of extension.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Engine } from '../engine/engine';
import { ApiFailure } from '../errors';
import { BUILD_CGROUP_PREFIX, Labels } from '../labels';
import { isSessionId } from './names';

export interface SessionRecord {
  id: string;
  tokenHash: string;
  createdAt: number;
  expiresAt: number;          // in memory, moved by activity
  persistedExpiresAt: number; // the newest expiry written to a marker
  client: string;             // clientKey() of the address that made it ('' when unknown)
  // The class starter this session was made to build (builds/starters.ts):
  // the server's record of it, on the marker, never the image's own label.
  starter?: string;
}

// maxPerClient: live sessions one address may hold (well below maxSessions,
// or one client takes every slot in one burst and keeps them by touching them).
export interface SessionStoreOptions { ttlSeconds: number; maxSessions: number; maxPerClient?: number; origin?: string; now?: () => number }

// What a marker keeps of the address: enough to count by, not the address itself.
export const clientKey = (address: string): string => createHash('sha256').update(`layerlab-client:${address}`).digest('hex').slice(0, 24);

const MARKER_IMAGE = 'busybox:latest';
const PERSIST_EVERY_MS = 60_000;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export class SessionStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly persisting = new Map<string, Promise<void>>();
  private readonly now: () => number;

  constructor(private readonly engine: Engine, private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  // Reads every session back from the engine's markers.
  async recover(): Promise<number> {
    const labelled = await this.engine.listContainers([`${Labels.kind}=marker`]);
    // A build step's container inherits its image's labels: one that
    // carries a marker's is never a marker (the server makes markers itself,
    // outside any build cgroup).
    const steps = await Promise.all(labelled.map((m) => this.engine.inspectContainer(m.Id).then(
      (d) => (d.HostConfig?.CgroupParent ?? '').startsWith(BUILD_CGROUP_PREFIX), () => true)));
    const markers = labelled.filter((_, i) => !steps[i]);
    for (const m of markers) {
      const id = m.Labels[Labels.session];
      const tokenHash = m.Labels[Labels.tokenHash];
      const expiresAt = Date.parse(m.Labels[Labels.expires] ?? '');
      if (!id || !isSessionId(id) || !tokenHash || Number.isNaN(expiresAt)) continue;
      const known = this.sessions.get(id);
      if (known && known.persistedExpiresAt >= expiresAt) continue;
      const createdAt = Date.parse(m.Labels[Labels.createdAt] ?? '') || m.Created * 1000;
      const starter = m.Labels[Labels.starter] || undefined;
      const client = m.Labels[Labels.client] ?? known?.client ?? '';
      this.sessions.set(id, { id, tokenHash, createdAt, expiresAt: Math.max(expiresAt, known?.expiresAt ?? 0), persistedExpiresAt: expiresAt, client, ...(starter ? { starter } : {}) });
    }
    return this.sessions.size;
  }

  live(): SessionRecord[] {
    const now = this.now();
    return [...this.sessions.values()].filter((s) => s.expiresAt > now);
  }

  get(id: string): SessionRecord | undefined {
    const s = this.sessions.get(id);
    return s && s.expiresAt > this.now() ? s : undefined;
  }

  isLive(id: string): boolean {
    const s = this.sessions.get(id);
    return !!s && s.expiresAt > this.now();
  }

  // `address`: the client's address key (lib/net/client-address.ts). A full
  // host is said first (no other address would get in either); then the
  // address's own cap. `starter`: the class starter it is made to build.
  async create(address: string, options: { starter?: string } = {}): Promise<{ session: SessionRecord; token: string }> {
    const client = clientKey(address);
    const live = this.live();
    const mine = live.filter((s) => s.client === client);
    const perClient = this.options.maxPerClient ?? this.options.maxSessions;
    if (live.length >= this.options.maxSessions) {
      throw new ApiFailure('quota', `This sandbox host is full: it accepts ${this.options.maxSessions} sessions at a time (sessions per host). Try again later.`,
        { limit: 'sessions-per-host', retryAfterSeconds: this.untilFirstExpiry(live) });
    }
    if (mine.length >= perClient) {
      throw new ApiFailure('quota', `Your address already holds ${mine.length} live sessions on this sandbox host (sessions per address: ${perClient} of the host's ${this.options.maxSessions}). End a session you no longer use, or wait until one expires.`,
        { limit: 'sessions-per-address', retryAfterSeconds: this.untilFirstExpiry(mine) });
    }
    const id = randomBytes(6).toString('hex');
    const token = randomBytes(32).toString('base64url');
    const now = this.now();
    const expiresAt = now + this.options.ttlSeconds * 1000;
    const session: SessionRecord = { id, tokenHash: hashToken(token), createdAt: now, expiresAt, persistedExpiresAt: expiresAt, client, ...(options.starter ? { starter: options.starter } : {}) };
    // Held while the marker is written, so a burst cannot pass the caps in between.
    this.sessions.set(id, session);
    try {
      await this.writeMarker(session, expiresAt);
    } catch (err) {
      this.sessions.delete(id);
      throw err;
    }
    return { session, token };
  }

  // Seconds until the first of these sessions expires (when a slot frees
  // unless someone ends one sooner).
  private untilFirstExpiry(list: SessionRecord[]): number {
    const first = Math.min(...list.map((s) => s.expiresAt));
    return Number.isFinite(first) ? Math.max(1, Math.ceil((first - this.now()) / 1000)) : 60;
  }

  // The session the token opens, or a failure: a missing or expired session
  // is 404, a token of another session 403.
  authenticate(id: string, token: string | undefined): SessionRecord {
    if (!token) throw new ApiFailure('unauthorized', 'Send the session token as "Authorization: Bearer <token>".');
    const s = this.sessions.get(id);
    if (!s || s.expiresAt <= this.now()) throw new ApiFailure('not_found', `No live session ${JSON.stringify(id)}.`);
    const given = Buffer.from(hashToken(token), 'hex');
    if (!timingSafeEqual(given, Buffer.from(s.tokenHash, 'hex'))) throw new ApiFailure('forbidden', 'This token does not open this session.');
    return s;
  }

  findByToken(token: string): SessionRecord | undefined {
    const hash = hashToken(token);
    return this.live().find((s) => s.tokenHash === hash);
  }

  // Activity moves the expiry; the engine learns of it at most once a minute.
  touch(session: SessionRecord): void {
    // A request that opened the session just before its removal must not
    // write it a new marker (that would bring it back after a restart).
    if (this.sessions.get(session.id) !== session) return;
    session.expiresAt = this.now() + this.options.ttlSeconds * 1000;
    if (session.expiresAt - session.persistedExpiresAt < PERSIST_EVERY_MS || this.persisting.has(session.id)) return;
    const target = session.expiresAt;
    const job = this.writeMarker(session, target)
      .then(() => { session.persistedExpiresAt = target; return this.removeMarkers(session.id, target); })
      .catch((err) => console.error(`session ${session.id}: could not extend expiry: ${(err as Error).message}`))
      .finally(() => this.persisting.delete(session.id));
    this.persisting.set(session.id, job);
  }

  forget(id: string): void { this.sessions.delete(id); }

  // Resolves once a marker being written for the session is written, so a
  // removal that follows finds it.
  async settle(id: string): Promise<void> { await this.persisting.get(id); }

  // Removes the session's markers (all of them, or those older than `keep`).
  async removeMarkers(id: string, keepExpiresAt?: number): Promise<void> {
    const markers = await this.engine.listContainers([`${Labels.kind}=marker`, `${Labels.session}=${id}`]);
    for (const m of markers) {
      if (keepExpiresAt !== undefined && Date.parse(m.Labels[Labels.expires]) >= keepExpiresAt) continue;
      await this.engine.removeContainer(m.Id).catch((err) => {
        if ((err as { statusCode?: number }).statusCode !== 404) throw err;
      });
    }
  }

  async flush(): Promise<void> { await Promise.all(this.persisting.values()); }

  private async writeMarker(s: SessionRecord, expiresAt: number): Promise<void> {
    await this.engine.createContainer({
      Image: MARKER_IMAGE,
      Cmd: ['true'],
      NetworkDisabled: true,
      Labels: {
        [Labels.session]: s.id,
        [Labels.kind]: 'marker',
        [Labels.tokenHash]: s.tokenHash,
        [Labels.expires]: new Date(expiresAt).toISOString(),
        [Labels.createdAt]: new Date(s.createdAt).toISOString(),
        [Labels.origin]: this.options.origin ?? 'product',
        [Labels.client]: s.client,
        ...(s.starter ? { [Labels.starter]: s.starter } : {}),
      },
      HostConfig: { NetworkMode: 'none', Memory: 8 * 1024 * 1024, LogConfig: { Type: 'none', Config: {} } },
    });
  }
}

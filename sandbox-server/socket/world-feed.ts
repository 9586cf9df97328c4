// World updates for connected sessions, derived from the engine: its events
// stream (containers created/started/died/destroyed, images committed,
// tagged, deleted) and the writable-layer diff of running containers, polled
// only while a socket of the session is connected and emitted only when it
// changed (and refreshed at once after exec or terminal input).
import type { Server } from 'socket.io';
import { SocketEvents, type DiffEntry, type WorldUpdate } from '../../lib/protocol';
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';
import type { WorldReader } from '../world/world-reader';
import { jsonLines } from '../builds/ndjson';
import { connectedSessions, roomOf } from './rooms';
import type { SessionScope } from '../sessions/scope';
import { sessionOfImageName } from '../sessions/names';
import { DiffOutbox } from './diff-outbox';

// The engine lists a diff in a different order on each call (measured: four
// calls on one container, four orders): compared as listed, every poll
// looked like a change and sent every running container's whole diff again.
// The key is the entries sorted by path, and parses back into a diff.
const diffKey = (diff: DiffEntry[]): string => JSON.stringify([...diff].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));

interface EngineEvent { Type?: string; Action?: string; Actor?: { ID?: string; Attributes?: Record<string, string> } }

export interface WorldFeedOptions { pollMs: number; nudgeMs: number }

export class WorldFeed {
  private readonly abort = new AbortController();
  private pollTimer?: NodeJS.Timeout;
  private readonly lastDiff = new Map<string, string>();
  private readonly knownImages = new Map<string, Map<string, string>>();
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private polling = false;
  // Diffs wait there for a page that is behind (diff-outbox.ts).
  private readonly outbox: DiffOutbox;

  constructor(
    private readonly engine: Engine,
    private readonly world: WorldReader,
    private readonly scope: SessionScope,
    private readonly io: Server,
    private readonly options: WorldFeedOptions = { pollMs: 500, nudgeMs: 100 },
  ) {
    this.outbox = new DiffOutbox(io);
  }

  start(): void {
    void this.follow();
    this.pollTimer = setInterval(() => void this.pollDiffs(), this.options.pollMs);
    this.pollTimer.unref();
  }

  stop(): void {
    this.abort.abort();
    if (this.pollTimer) clearInterval(this.pollTimer);
    for (const t of this.pending.values()) clearTimeout(t);
  }

  // Something may have written to a container: refresh its diff soon.
  changed(sessionId: string, containerId: string): void {
    this.debounce(`diff:${containerId}`, () => this.refreshDiff(sessionId, containerId));
  }

  private emit(sessionId: string, update: WorldUpdate) { this.io.to(roomOf(sessionId)).emit(SocketEvents.world, update); }

  private debounce(key: string, fn: () => Promise<void>) {
    if (this.pending.has(key)) return;
    this.pending.set(key, setTimeout(() => {
      this.pending.delete(key);
      fn().catch((err) => console.error(`world feed: ${(err as Error).message}`));
    }, this.options.nudgeMs));
  }

  private async follow(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const stream = await this.engine.events({ type: ['container', 'image'] }, this.abort.signal);
        for await (const ev of jsonLines(stream)) this.onEvent(ev as EngineEvent);
      } catch (err) {
        if (this.abort.signal.aborted) return;
        console.error(`world feed: engine events interrupted: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
  }

  private onEvent(ev: EngineEvent): void {
    const attrs = ev.Actor?.Attributes ?? {};
    // Images of sessions are known by name (engine/name-owner.ts).
    const sessionId = attrs[Labels.session] ?? (ev.Type === 'image' ? sessionOfImageName(attrs.name ?? '') : undefined);
    const live = new Set(connectedSessions(this.io));
    if (ev.Type === 'container') {
      if (!sessionId || !live.has(sessionId) || attrs[Labels.kind] !== 'container') return;
      const action = ev.Action ?? '';
      const id = ev.Actor?.ID ?? '';
      if (action.startsWith('exec_')) { this.changed(sessionId, id); return; }
      if (action === 'commit') { this.debounce(`images:${sessionId}`, () => this.refreshImages(sessionId)); return; }
      if (action === 'destroy') { this.lastDiff.delete(id); this.emit(sessionId, { type: 'container-removed', id }); return; }
      if (['create', 'start', 'die', 'stop', 'kill', 'pause', 'unpause', 'restart', 'rename'].includes(action)) {
        this.debounce(`container:${id}`, () => this.refreshContainer(sessionId, id));
      }
      return;
    }
    if (ev.Type === 'image') {
      // Deleted images have no labels left: let every connected session look.
      const targets = sessionId ? (live.has(sessionId) ? [sessionId] : []) : [...live];
      for (const s of targets) this.debounce(`images:${s}`, () => this.refreshImages(s));
    }
  }

  private async refreshContainer(sessionId: string, id: string): Promise<void> {
    let details;
    try { details = await this.scope.resolveContainer(sessionId, id); } catch { return; }
    const diff = await this.world.diff(id).catch(() => undefined);
    if (diff) this.lastDiff.set(id, diffKey(diff));
    this.emit(sessionId, { type: 'container', container: this.world.container(sessionId, details, diff) });
  }

  private async refreshImages(sessionId: string): Promise<void> {
    const images = await this.world.images(sessionId);
    const before = this.knownImages.get(sessionId) ?? new Map<string, string>();
    const now = new Map(images.map((i) => [i.id, JSON.stringify(i)]));
    for (const image of images) if (before.get(image.id) !== now.get(image.id)) this.emit(sessionId, { type: 'image', image });
    for (const id of before.keys()) if (!now.has(id)) this.emit(sessionId, { type: 'image-removed', id });
    this.knownImages.set(sessionId, now);
  }

  private async refreshDiff(sessionId: string, containerId: string): Promise<void> {
    const diff = await this.world.diff(containerId).catch(() => undefined);
    if (!diff) return;
    const key = diffKey(diff);
    if (this.lastDiff.get(containerId) === key) return;
    this.lastDiff.set(containerId, key);
    this.outbox.send(sessionId, containerId, diff);
  }

  private async pollDiffs(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      this.outbox.flush((id) => { const key = this.lastDiff.get(id); return key ? JSON.parse(key) as DiffEntry[] : undefined; });
      for (const sessionId of connectedSessions(this.io)) {
        if (!this.knownImages.has(sessionId)) await this.refreshImagesQuietly(sessionId);
        const running = await this.engine.listContainers([`${Labels.session}=${sessionId}`, `${Labels.kind}=container`], false);
        await Promise.all(running.map((c) => this.refreshDiff(sessionId, c.Id)));
      }
    } catch (err) {
      console.error(`world feed: diff poll: ${(err as Error).message}`);
    } finally {
      this.polling = false;
    }
  }

  // The first look at a session's images is the baseline, not news.
  private async refreshImagesQuietly(sessionId: string): Promise<void> {
    const images = await this.world.images(sessionId);
    this.knownImages.set(sessionId, new Map(images.map((i) => [i.id, JSON.stringify(i)])));
  }
}

// The Dockerfile each image was built from, so its layers can be matched to
// lines. Built images carry no label of ours (engine/name-owner.ts), so the
// text is kept in memory and, for a restarted server, in a record: a
// never-started container of the session, like its marker, whose labels name
// the image and hold the text. Records go with the session's containers.
// Writing one happens after the build has answered, off its critical path,
// and waits until no build is running on this server (at most
// `maxDelayMs`): when a class of 30 builds at once, the first builds to
// finish would otherwise create their records while the rest still build,
// and every container the engine creates then slows those (measured: 28
// records took 4.9 s of engine time inside a 12.5 s class build). A server
// that dies before a record is written loses only the line numbers of that
// image's layers after its restart.
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';

const RECORD_IMAGE = 'busybox:latest';
// The engine caps a container's config; a longer Dockerfile still builds,
// its layers after a restart just lose their line numbers.
const TEXT_MAX = 16 * 1024;
const PUMP_MS = 100;

export interface RecordTiming {
  /** True while a record written now would compete with builds for the engine. */
  busy?: () => boolean;
  /** The longest a record waits for a quiet engine. */
  maxDelayMs?: number;
}

interface Queued { sessionId: string; imageId: string; encoded: string; since: number }

export class DockerfileMemory {
  private readonly texts = new Map<string, string>();
  private readonly read = new Set<string>(); // sessions whose records were read back
  private readonly writing = new Map<string, Set<Promise<void>>>(); // by session
  private readonly queued = new Map<string, Queued>(); // by image
  private pumping?: NodeJS.Timeout;

  constructor(private readonly engine?: Engine, private readonly max = 5000, private readonly timing: RecordTiming = {}) {}

  remember(sessionId: string, imageId: string, dockerfile: string): void {
    // A rebuild that met the cache made no new image: its record exists.
    if (this.texts.get(normal(imageId)) === dockerfile) return;
    this.put(imageId, dockerfile);
    const encoded = Buffer.from(dockerfile, 'utf8').toString('base64');
    if (!this.engine || encoded.length > TEXT_MAX) return;
    this.queued.set(normal(imageId), { sessionId, imageId: normal(imageId), encoded, since: Date.now() });
    this.pump();
  }

  // Records waiting for a quiet engine, how many.
  get waiting(): number { return this.queued.size; }

  private pump(): void {
    if (this.pumping || !this.queued.size) return;
    this.pumping = setTimeout(() => {
      this.pumping = undefined;
      const oldest = Math.min(...[...this.queued.values()].map((q) => q.since));
      if (this.timing.busy?.() && Date.now() - oldest < (this.timing.maxDelayMs ?? 30_000)) { this.pump(); return; }
      this.writeQueued();
    }, PUMP_MS);
    this.pumping.unref();
  }

  private writeQueued(): void {
    for (const q of this.queued.values()) this.write(q);
    this.queued.clear();
  }

  private write(q: Queued): void {
    const write = this.engine!.createContainer({
      Image: RECORD_IMAGE,
      Cmd: ['true'],
      NetworkDisabled: true,
      Labels: { [Labels.session]: q.sessionId, [Labels.kind]: 'record', [Labels.image]: q.imageId, [Labels.dockerfile]: q.encoded },
      HostConfig: { NetworkMode: 'none', Memory: 8 * 1024 * 1024, LogConfig: { Type: 'none', Config: {} } },
    }).then(() => undefined, (err) => console.error(`build: could not record the Dockerfile of ${q.imageId}: ${(err as Error).message}`));
    const set = this.writing.get(q.sessionId) ?? new Set();
    set.add(write);
    this.writing.set(q.sessionId, set);
    void write.finally(() => { set.delete(write); if (!set.size) this.writing.delete(q.sessionId); });
  }

  // On the way out (a graceful stop): every waiting record now.
  async flush(): Promise<void> {
    clearTimeout(this.pumping);
    this.pumping = undefined;
    this.writeQueued();
    await Promise.all([...this.writing.values()].flatMap((set) => [...set]));
  }

  // A session is removed only after its records being written, or one would
  // outlive it; the ones still waiting are not written at all.
  async settle(sessionId: string): Promise<void> {
    for (const [id, q] of this.queued) if (q.sessionId === sessionId) this.queued.delete(id);
    await Promise.all([...(this.writing.get(sessionId) ?? [])]);
  }

  async recall(sessionId: string, imageId: string): Promise<string | undefined> {
    const known = this.texts.get(normal(imageId));
    if (known !== undefined || !this.engine || this.read.has(sessionId)) return known;
    // A failed read is tried again on the next ask.
    const records = await this.engine.listContainers([`${Labels.kind}=record`, `${Labels.session}=${sessionId}`]).catch(() => undefined);
    if (!records) return undefined;
    for (const r of records) {
      const text = decode(r.Labels?.[Labels.dockerfile]);
      if (r.Labels?.[Labels.image] && text !== undefined && !this.texts.has(r.Labels[Labels.image])) this.put(r.Labels[Labels.image], text);
    }
    this.read.add(sessionId);
    return this.texts.get(normal(imageId));
  }

  private put(imageId: string, dockerfile: string): void {
    const id = normal(imageId);
    this.texts.delete(id);
    this.texts.set(id, dockerfile);
    if (this.texts.size > this.max) this.texts.delete(this.texts.keys().next().value as string);
  }
}

const normal = (id: string) => (id.startsWith('sha256:') ? id : `sha256:${id}`);

function decode(encoded: string | undefined): string | undefined {
  if (!encoded) return undefined;
  try { return Buffer.from(encoded, 'base64').toString('utf8'); } catch { return undefined; }
}

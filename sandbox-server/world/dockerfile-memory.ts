// The Dockerfile each image was built from, so its layers can be matched to
// lines. Built images carry no label of ours (engine/name-owner.ts), so the
// text is kept in memory and, for a restarted server, in a record: a
// never-started container of the session, like its marker, whose labels name
// the image and hold the text. Records go with the session's containers.
// Writing one happens after the build has answered, off its critical path.
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';

const RECORD_IMAGE = 'busybox:latest';
// The engine caps a container's config; a longer Dockerfile still builds,
// its layers after a restart just lose their line numbers.
const TEXT_MAX = 16 * 1024;

export class DockerfileMemory {
  private readonly texts = new Map<string, string>();
  private readonly read = new Set<string>(); // sessions whose records were read back
  private readonly writing = new Map<string, Set<Promise<void>>>(); // by session

  constructor(private readonly engine?: Engine, private readonly max = 5000) {}

  remember(sessionId: string, imageId: string, dockerfile: string): void {
    // A rebuild that met the cache made no new image: its record exists.
    if (this.texts.get(normal(imageId)) === dockerfile) return;
    this.put(imageId, dockerfile);
    const encoded = Buffer.from(dockerfile, 'utf8').toString('base64');
    if (!this.engine || encoded.length > TEXT_MAX) return;
    const write = this.engine.createContainer({
      Image: RECORD_IMAGE,
      Cmd: ['true'],
      NetworkDisabled: true,
      Labels: { [Labels.session]: sessionId, [Labels.kind]: 'record', [Labels.image]: normal(imageId), [Labels.dockerfile]: encoded },
      HostConfig: { NetworkMode: 'none', Memory: 8 * 1024 * 1024, LogConfig: { Type: 'none', Config: {} } },
    }).then(() => undefined, (err) => console.error(`build: could not record the Dockerfile of ${imageId}: ${(err as Error).message}`));
    const set = this.writing.get(sessionId) ?? new Set();
    set.add(write);
    this.writing.set(sessionId, set);
    void write.finally(() => { set.delete(write); if (!set.size) this.writing.delete(sessionId); });
  }

  // Records still being written: a session is removed only after them, or
  // one would outlive it.
  async settle(sessionId: string): Promise<void> {
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

// Reads an image export (GET /images/{name}/get) once and keeps, per layer
// digest, the entries of that layer's tar. The digest of an uncompressed
// layer tar is its diff id, so layers are recognised without trusting the
// order of the export's own files.
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { extract } from 'tar-stream';
import type { TarEntry } from './layer-changes';

export interface ExportedImage { layers: Map<string, TarEntry[]>; config?: { history?: { empty_layer?: boolean }[]; rootfs?: { diff_ids?: string[] } } }

async function readLayerTar(stream: Readable): Promise<{ digest: string; entries: TarEntry[] }> {
  const hash = createHash('sha256');
  const entries: TarEntry[] = [];
  const inner = extract();
  const done = new Promise<void>((resolve, reject) => {
    inner.on('entry', (header, body, next) => {
      entries.push({ path: header.name, size: header.size ?? 0, type: header.type ?? 'file' });
      body.on('end', next);
      body.resume();
    });
    inner.on('finish', resolve);
    inner.on('error', reject);
  });
  stream.on('data', (c: unknown) => hash.update(c as Buffer));
  stream.pipe(inner);
  await done;
  return { digest: `sha256:${hash.digest('hex')}`, entries };
}

export async function readImageExport(stream: Readable): Promise<ExportedImage> {
  const layers = new Map<string, TarEntry[]>();
  let config: ExportedImage['config'];
  const outer = extract();
  await new Promise<void>((resolve, reject) => {
    outer.on('entry', (header, body, next) => {
      const name = header.name;
      if (name.endsWith('/layer.tar') || (name.startsWith('blobs/') && header.size && header.size > 0 && !name.endsWith('.json'))) {
        readLayerTar(body as unknown as Readable).then(({ digest, entries }) => { layers.set(digest, entries); next(); }, (err) => {
          // Not every blob is a tar (OCI layouts hold JSON blobs too).
          void err; next();
        });
        return;
      }
      if (name.endsWith('.json') && name !== 'manifest.json' && !name.includes('/')) {
        const chunks: Buffer[] = [];
        body.on('data', (c: unknown) => chunks.push(c as Buffer));
        body.on('end', () => {
          try { const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')); if (parsed.rootfs) config = parsed; } catch { /* not the config */ }
          next();
        });
        return;
      }
      body.on('end', next);
      body.resume();
    });
    outer.on('finish', resolve);
    outer.on('error', reject);
    stream.on('error', reject);
    stream.pipe(outer);
  });
  return { layers, config };
}

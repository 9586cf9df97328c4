// The build context tar, made by the server from validated entries only.
import { pack } from 'tar-stream';
import type { ContextEntry } from '../../lib/context/validate';

// A fixed time keeps the tar of the same files the same bytes.
const MTIME = new Date('2000-01-01T00:00:00Z');

export async function contextTar(entries: ContextEntry[]): Promise<Buffer> {
  const p = pack();
  const chunks: Buffer[] = [];
  p.on('data', (c: unknown) => chunks.push(c as Buffer));
  const done = new Promise<void>((resolve, reject) => { p.on('end', resolve); p.on('error', reject); });
  for (const e of entries) {
    await new Promise<void>((resolve, reject) => {
      p.entry({ name: e.path, size: e.data.length, mode: 0o644, mtime: MTIME, type: 'file' }, Buffer.from(e.data), (err) => (err ? reject(err) : resolve()));
    });
  }
  p.finalize();
  await done;
  return Buffer.concat(chunks);
}

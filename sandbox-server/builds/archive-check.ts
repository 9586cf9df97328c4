// Unpacked size of the build context's archives, measured before the engine
// sees them: ADD unpacks tar, gzip, bzip2 and xz by content, and a few KB can
// unpack to gigabytes. Each candidate is decompressed as a stream and its tar
// entries summed (lib/context/archive-size.ts) until the cap; decompression
// stops there. gzip goes through Node's zlib (off the event loop); bzip2 and
// xz through Debian's bzip2 and xz programs in a child process: fast native
// decoders that the event loop never waits on, and xz is the very program the
// engine itself runs for xz (pkg/archive). Installed by scripts/setup/engine.sh.
import { spawn } from 'node:child_process';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { detectCompression, TarSizer, type Compression, type TarSize } from '../../lib/context/archive-size';
import type { ContextEntry } from '../../lib/context/validate';

export interface ArchiveSize extends TarSize { path: string; compression: Compression }

const DECODERS: Record<'bzip2' | 'xz', string[]> = { bzip2: ['bzip2', '-dc'], xz: ['xz', '-dcq'] };

export class ArchiveCheckError extends Error {}

// Feeds `data` through the decoder into the sizer until it has its answer.
async function measure(data: Uint8Array, compression: Compression, cap: number): Promise<TarSize> {
  const sizer = new TarSizer(cap);
  if (compression === 'none') {
    sizer.push(data);
    return sizer.result.finished ? sizer.result : sizer.end();
  }
  let out: Readable;
  let stop: () => void;
  let failed: Promise<never> | undefined;
  if (compression === 'gzip') {
    const gunzip = createGunzip();
    out = gunzip;
    stop = () => gunzip.destroy();
    gunzip.on('error', () => undefined);
    gunzip.end(data);
  } else {
    const [cmd, ...args] = DECODERS[compression];
    const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'ignore'] });
    out = child.stdout;
    stop = () => { child.kill('SIGKILL'); };
    failed = new Promise<never>((_, reject) => child.on('error', (err) => reject(new ArchiveCheckError(
      `${compression} archives cannot be checked on this host (${cmd}: ${err.message}); install Debian's ${cmd === 'xz' ? 'xz-utils' : 'bzip2'} package`,
    ))));
    failed.catch(() => undefined);
    child.stdin.on('error', () => undefined); // the decoder was stopped before reading it all
    child.stdin.end(data);
  }
  const read = (async () => {
    try {
      for await (const chunk of out) {
        if (sizer.push(chunk as Buffer).finished) break;
      }
    } catch { /* a corrupt stream ends the engine's unpacking too: what was read counts */ }
    finally { stop(); }
    return sizer.result.finished ? sizer.result : sizer.end();
  })();
  return failed ? Promise.race([read, failed]) : read;
}

/** The archives among the context files (the Dockerfile excluded), each measured up to `cap`. */
export async function measureArchives(entries: ContextEntry[], cap: number): Promise<ArchiveSize[]> {
  const found: ArchiveSize[] = [];
  for (const e of entries) {
    if (e.path === 'Dockerfile') continue;
    const compression = detectCompression(e.data);
    const size = await measure(e.data, compression, cap);
    if (size.kind === 'tar') found.push({ path: e.path, compression, ...size });
  }
  return found;
}

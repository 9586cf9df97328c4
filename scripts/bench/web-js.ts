// Initial JavaScript of /play on the production build: the script tags the
// served HTML carries (what the browser fetches before the page can run),
// each gzipped as `next start` serves it (gzip level 6). Monaco, its
// workers and anything else imported lazily are not in those tags. Chunks
// marked noModule are only for browsers without modules and are left out.
// Target: ≤ 350 KB. LAYERLAB_WEB_URL names the running web.
import { gzipSync } from 'node:zlib';
import { record } from './results';

const WEB = (process.env.LAYERLAB_WEB_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

async function main() {
  const html = await (await fetch(`${WEB}/play`)).text();
  const srcs = [...html.matchAll(/<script\b([^>]*)>/g)]
    .map((m) => m[1])
    .filter((attrs) => !/\bnoModule\b/i.test(attrs))
    .map((attrs) => /\bsrc="([^"]+)"/.exec(attrs)?.[1])
    .filter((s): s is string => !!s);
  const inline = [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('');
  let raw = 0; let gz = 0;
  const rows: string[] = [];
  for (const src of new Set(srcs)) {
    const body = Buffer.from(await (await fetch(new URL(src, WEB))).arrayBuffer());
    const g = gzipSync(body, { level: 6 }).length;
    raw += body.length; gz += g;
    rows.push(`    ${(g / 1024).toFixed(1).padStart(6)} KB gz ${(body.length / 1024).toFixed(1).padStart(7)} KB  ${src}`);
  }
  console.log(rows.sort().reverse().join('\n'));
  const inlineGz = gzipSync(Buffer.from(inline)).length / 1024;
  record({ figure: '/play initial JS, gzipped (script tags, no Monaco)', unit: 'KB', product: gz / 1024, target: { on: 'product', max: 350 }, note: `${srcs.length} chunks, ${(raw / 1024).toFixed(0)} KB raw; inline data ${inlineGz.toFixed(0)} KB gz not counted` });
}

main().catch((err) => { console.error(err); process.exit(1); });

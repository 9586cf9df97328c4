// Benchmark: how long a layer-stack update takes for a 100-layer image.
// Budget: 16 ms (one frame) for computing the attributes and applying them.
//
//   npx tsx scripts/bench/diagram.ts                 pure attribute function only
//   LAYERLAB_SANDBOX_URL=http://localhost:4000 LAYERLAB_WEB_URL=http://localhost:3000 \
//     npx tsx scripts/bench/diagram.ts --browser     plus the D3 apply step in Chromium,
//                                                    on a real 100-layer image built by the sandbox
import type { Layer } from '../../lib/protocol';
import { layerStackAttrs } from '../../lib/diagrams/layer-stack';
import { record } from './results';

const BUDGET_MS = 16;

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
}
const fmt = (x: number) => `${x.toFixed(3)} ms`;

// Shaped like real history entries: a base, then RUN/COPY layers with
// sizes and metadata layers with none.
function syntheticLayers(n: number): Layer[] {
  return Array.from({ length: n }, (_, i) => {
    const kind = i === 0 ? 'base' : i % 3 === 0 ? 'RUN' : i % 3 === 1 ? 'ENV' : 'COPY';
    const id = `sha256:${(i + 1).toString(16).padStart(64, 'a')}`;
    if (kind === 'base') return { id, createdBy: '', sizeBytes: 1984230, empty: false };
    if (kind === 'ENV') return { id, createdBy: `/bin/sh -c #(nop)  ENV STEP_${i}=value-${i}`, sizeBytes: 0, empty: true, line: i + 1, instruction: 'ENV' };
    if (kind === 'COPY') return { id, createdBy: `/bin/sh -c #(nop) COPY file:${'0123456789abcdef'.repeat(4)} in /app/${i}.txt `, sizeBytes: 120 + i, empty: false, line: i + 1, instruction: 'COPY' };
    return { id, createdBy: `/bin/sh -c echo step ${i} > /tmp/step-${i} && ls /tmp`, sizeBytes: 40 + i, empty: false, line: i + 1, instruction: 'RUN' };
  });
}

function benchPure() {
  const layers = syntheticLayers(100);
  const cached = new Set(layers.slice(0, 50).map((l) => l.id.slice(7, 19)));
  for (let i = 0; i < 200; i++) layerStackAttrs(layers, { width: 640, cachedIds: cached, highlightedIndex: i % 100 });
  const samples: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    layerStackAttrs(layers, { width: 640, cachedIds: cached, highlightedIndex: i % 100 });
    samples.push(performance.now() - t0);
  }
  const s = stats(samples);
  console.log(`layerStackAttrs, 100 layers: median ${fmt(s.median)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)} (n=${s.n})`);
  // The apply step touches ~5 DOM nodes per layer; at the ~1 µs per attribute
  // write browsers manage, 100 layers × ~12 writes stay near 1–2 ms. The
  // --browser run measures it instead of estimating.
  console.log(`estimate for the D3 apply step: ~${(100 * 12 * 0.001).toFixed(1)} ms (100 layers × 12 attribute writes × ~1 µs)`);
  return s;
}

async function benchBrowser() {
  const sandbox = process.env.LAYERLAB_SANDBOX_URL ?? 'http://localhost:4000';
  const web = process.env.LAYERLAB_WEB_URL ?? 'http://localhost:3000';
  const session = await (await fetch(`${sandbox}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { id: string; token: string; expiresAt: string };
  const auth = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
  // 98 metadata steps and a few RUNs: 100+ real history entries, built fast.
  const lines = ['FROM busybox:1.35'];
  for (let i = 1; i <= 98; i++) lines.push(i % 20 === 0 ? `RUN echo ${i} > /step-${i}` : `ENV STEP_${i}=${i}`);
  const t0 = performance.now();
  const res = await fetch(`${sandbox}/v1/sessions/${session.id}/builds`, { method: 'POST', headers: auth, body: JSON.stringify({ dockerfile: lines.join('\n') + '\n', tag: 'bench:100' }) });
  const body = await res.text();
  const done = body.trim().split('\n').map((l) => JSON.parse(l)).find((e) => e.type === 'done');
  if (!done) throw new Error(`the 100-layer build failed: ${body.slice(-500)}`);
  const detail = await (await fetch(`${sandbox}/v1/sessions/${session.id}/images/bench:100`, { headers: auth })).json() as { layers: unknown[] };
  console.log(`built a ${detail.layers.length}-layer image in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { chromium } = await import('@playwright/test');
  const { CHROMIUM } = await import('./chromium');
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(({ session, imageId }) => {
      localStorage.setItem('layerlab.playground.v1', JSON.stringify({ dockerfile: 'FROM busybox:1.35\n', files: {}, tag: 'bench:100', noCache: false, session, selectedImage: imageId }));
    }, { session, imageId: done.imageId });
    await page.goto(`${web}/play`);
    const items = page.getByRole('region', { name: 'Image layers' }).getByRole('listitem');
    await items.nth(detail.layers.length - 1).waitFor({ state: 'attached', timeout: 60_000 });
    await page.waitForTimeout(800);
    await page.evaluate(() => performance.clearMeasures('layerlab:layer-stack-draw'));
    // Each hover changes the highlighted layer: a full attribute + apply pass.
    for (let i = 0; i < 40; i++) {
      await items.nth(i % 20).hover();
      await page.waitForTimeout(30);
    }
    const draws = await page.evaluate(() => performance.getEntriesByName('layerlab:layer-stack-draw').map((e) => e.duration));
    const s = stats(draws);
    console.log(`D3 apply in Chromium, ${detail.layers.length} layers: median ${fmt(s.median)}, p95 ${fmt(s.p95)}, max ${fmt(s.max)} (n=${s.n})`);
    return s;
  } finally {
    await browser.close();
    await fetch(`${sandbox}/v1/sessions/${session.id}`, { method: 'DELETE', headers: auth }).catch(() => undefined);
  }
}

async function main() {
  const pure = benchPure();
  let worst = pure.p95;
  if (process.argv.includes('--browser')) {
    const b = await benchBrowser();
    worst = pure.p95 + b.p95;
    console.log(`attributes + apply, p95: ${fmt(worst)} (budget ${BUDGET_MS} ms)`);
  }
  record({
    figure: `100-layer diagram update, p95 (${process.argv.includes('--browser') ? 'attributes + D3 apply in Chromium' : 'attributes only'})`,
    unit: 'ms', product: worst, target: { on: 'product', max: BUDGET_MS },
    note: process.argv.includes('--browser') ? `attributes p95 ${fmt(pure.p95)}` : 'no browser run',
  });
  console.log(worst <= BUDGET_MS ? `within the ${BUDGET_MS} ms budget` : `OVER the ${BUDGET_MS} ms budget`);
  process.exitCode = worst <= BUDGET_MS ? 0 : 1;
}

main().catch((e) => { console.error(e); process.exitCode = 2; });

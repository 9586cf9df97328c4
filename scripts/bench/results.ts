// Shared by every benchmark script: small statistics and one way to hand a
// figure to the table printed by `npm run bench` (scripts/bench/run.sh).
// A script run on its own (no LAYERLAB_BENCH_RESULTS) just prints its lines.
import { appendFileSync } from 'node:fs';

export type Unit = 'ms' | 's' | 'KB' | 'MB' | '%';

export interface Row {
  figure: string;
  unit: Unit;
  product: number | null;   // what Layerlab takes (API, web)
  baseline?: number | null; // the raw engine / CLI doing the same work
  // The target applies to the ratio (product / baseline) or to the product value.
  target?: { on: 'ratio' | 'product'; max: number };
  note?: string;
}

export const median = (xs: number[]) => pct(xs, 50);
// Nearest-rank percentile: p95 of 20 samples is the 19th, of 30 the 29th.
export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};

export const time = async (fn: () => Promise<unknown>) => { const t0 = performance.now(); await fn(); return performance.now() - t0; };

export function record(row: Row): void {
  const ratio = row.product != null && row.baseline ? (row.product / row.baseline).toFixed(2) : '';
  console.log(`  ${row.figure}: ${row.product?.toFixed(row.unit === 'ms' ? 0 : 2) ?? '—'} ${row.unit}${row.baseline != null ? ` vs ${row.baseline.toFixed(row.unit === 'ms' ? 0 : 2)} ${row.unit}` : ''}${ratio ? ` (×${ratio})` : ''}${row.note ? ` [${row.note}]` : ''}`);
  const file = process.env.LAYERLAB_BENCH_RESULTS;
  if (file) appendFileSync(file, JSON.stringify(row) + '\n');
}

// Prints the one table of `npm run bench` from the rows the benchmark
// scripts recorded (scripts/bench/results.ts), in the order they ran.
// Usage: npx tsx scripts/bench/table.ts RESULTS.jsonl
import { readFileSync } from 'node:fs';
import type { Row } from './results';

const rows = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
const value = (x: number | null | undefined, unit: string) => {
  if (x == null || Number.isNaN(x)) return '—';
  if (unit === 'ms') return x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : x >= 100 ? `${x.toFixed(0)} ms` : `${x.toFixed(x < 10 ? 2 : 1)} ms`;
  return `${x.toFixed(x < 10 ? 2 : 1)} ${unit}`;
};
const table = rows.map((r) => {
  const ratio = r.product != null && r.baseline ? r.product / r.baseline : undefined;
  let target = ''; let result = '';
  if (r.target) {
    const v = r.target.on === 'ratio' ? ratio : r.product ?? undefined;
    target = r.target.on === 'ratio' ? `ratio ≤ ${r.target.max}` : `≤ ${value(r.target.max, r.unit)}`;
    result = v === undefined || Number.isNaN(v) ? 'n/a' : v <= r.target.max ? 'pass' : 'MISS';
  }
  return [r.figure, value(r.product, r.unit), value(r.baseline, r.unit), ratio === undefined ? '' : ratio.toFixed(2), target, result, r.note ?? ''];
});
const head = ['figure', 'API / product', 'CLI / baseline', 'ratio', 'target', 'pass/miss', 'note'];
const widths = head.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 1 && i <= 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(line(head));
console.log(`|${widths.map((w, i) => (i >= 1 && i <= 3 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`);
for (const t of table) console.log(line(t));
const missed = table.filter((t) => t[5] === 'MISS').length;
console.log(`\n${table.filter((t) => t[5]).length} figures with a target: ${missed ? `${missed} missed` : 'all met'}.`);

// A class builds at once: N sessions (default 30) each build the same lesson
// Dockerfile (lesson 07's starter) through the API at the same moment, and
// the raw CLI does the same N builds concurrently (same limits, N context
// directories). Both without cache, so both do the same work. Each build is
// timed from its request to its end; the figure is p50 and p95 of API over CLI.
// The order alternates over ROUNDS. Target: p95 ratio ≤ 1.1.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cliBuild, cliCleanup } from './cli-baseline';
import { pct, record, time } from './results';
import { Sandbox, type Session } from './sandbox-client';

const N = Number(process.env.LEARNERS ?? 30);
// Four rounds: one slow round of 30 (an engine hiccup hits all of them) moved
// the p95 ratio by 0.1–0.2 when there were two.
const ROUNDS = Number(process.env.BENCH_CONCURRENT_ROUNDS ?? 4);
const LESSON = join(__dirname, '..', '..', 'content', 'lessons', '07-docker-build', 'starter');

async function main() {
  const files: Record<string, string> = {};
  for (const f of readdirSync(LESSON)) files[f] = readFileSync(join(LESSON, f), 'utf8');
  const { Dockerfile: dockerfile, ...context } = files;
  const dirs = Array.from({ length: N }, () => {
    const d = mkdtempSync(join(tmpdir(), 'layerlab-class-'));
    for (const [f, data] of Object.entries(files)) writeFileSync(join(d, f), data);
    return d;
  });
  const sb = await Sandbox.open();
  const sessions: Session[] = [];
  const api: number[] = [];
  const cli: number[] = [];
  try {
    for (let i = 0; i < N; i++) sessions.push(await sb.createSession());
    const apiRound = async (r: number) => {
      api.push(...await Promise.all(sessions.map((s) => time(() => sb.build(s, { dockerfile, files: context, tag: `lab/build:${r}`, noCache: true })))));
    };
    const cliRound = async (r: number) => {
      cli.push(...await Promise.all(dirs.map((d, i) => time(() => cliBuild('limits', d, `class-${r}-${i}`)))));
    };
    for (let r = 0; r < ROUNDS; r++) {
      if (r % 2) { await apiRound(r); await cliRound(r); } else { await cliRound(r); await apiRound(r); }
      await cliCleanup();
    }
  } finally {
    await Promise.all(sessions.map((s) => sb.deleteSession(s)));
    await cliCleanup();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await sb.close();
  }
  const note = `${N} at once × ${ROUNDS} rounds`;
  record({ figure: `${N} concurrent builds, p50 (vs ${N} concurrent CLI builds)`, unit: 'ms', product: pct(api, 50), baseline: pct(cli, 50), note });
  record({ figure: `${N} concurrent builds, p95 (vs ${N} concurrent CLI builds)`, unit: 'ms', product: pct(api, 95), baseline: pct(cli, 95), target: { on: 'ratio', max: 1.1 }, note });
}

main().catch((err) => { console.error(err); process.exit(1); });

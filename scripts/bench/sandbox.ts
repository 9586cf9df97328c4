// Sandbox server against the raw Docker CLI on the same engine, side by side
// in one run, medians over ROUNDS (the order alternates each round so
// neither side always meets a warmer engine):
//   - builds, no cache, of three Dockerfiles (tiny busybox, ten metadata
//     steps, Debian + apt-get install), API through to `done`;
//   - the same builds again, every step a cache hit;
//   - container create+start vs `docker run -d`; exec vs `docker exec`;
//   - session creation p50/p95 vs `docker create` of the same marker.
// Run: npx tsx scripts/bench/sandbox.ts (LAYERLAB_SANDBOX_URL for a running server)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_LABEL, BENCH_REPO, catalogTags, cliBuild, cliCleanup, cliRun, sh, type Flavour } from './cli-baseline';
import { median, pct, record, time } from './results';
import { Sandbox, type Session } from './sandbox-client';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const SLOW_ROUNDS = Number(process.env.BENCH_SLOW_ROUNDS ?? 3); // the apt-get build: ~20 s each
// A cache hit takes about 0.1 s, where a few ms of the machine's noise move
// a ratio by 0.05: more rounds cost little and steady the median.
const HIT_ROUNDS = Number(process.env.BENCH_HIT_ROUNDS ?? 15);
const SESSIONS = 20;

interface Case { name: string; dockerfile: string; files: Record<string, string>; rounds: number }
const CASES: Case[] = [
  { name: 'tiny busybox', rounds: ROUNDS, files: { 'app.txt': 'hello from the bench\n' },
    dockerfile: 'FROM busybox:latest\nCOPY app.txt /app/app.txt\nRUN echo built > /app/built && ls /app\nENV MODE=bench\nCMD ["sleep", "60"]\n' },
  { name: '10 metadata steps', rounds: ROUNDS, files: {},
    dockerfile: ['FROM busybox:latest', 'ENV A=1', 'ENV B=2', 'LABEL lesson=metadata', 'WORKDIR /app', 'EXPOSE 8080', 'USER nobody', 'ENV C=3', 'STOPSIGNAL SIGTERM', 'CMD ["sleep", "60"]'].join('\n') + '\n' },
  // `tree`: a small package with no dependencies beyond libc.
  { name: 'debian + apt-get install', rounds: SLOW_ROUNDS, files: {},
    dockerfile: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends tree && rm -rf /var/lib/apt/lists/*\nCMD ["tree", "/etc/apt"]\n' },
];

async function alternate(i: number, a: () => Promise<void>, b: () => Promise<void>) {
  if (i % 2) { await a(); await b(); } else { await b(); await a(); }
}

async function benchBuilds(sb: Sandbox, session: Session) {
  const catalog = await catalogTags();
  // The session keeps every image it built, in every case, and the server
  // lists all of them (and the catalog) as the build's cache sources; the
  // engine checks each source at every step, so a longer list is slower
  // engine work. The CLI's same-limits cache hits get a list as long:
  // every image its same-limits builds made so far in this run.
  const cliOwn: string[] = [];
  for (const c of CASES) {
    const dir = mkdtempSync(join(tmpdir(), 'layerlab-bench-'));
    writeFileSync(join(dir, 'Dockerfile'), c.dockerfile);
    for (const [p, data] of Object.entries(c.files)) writeFileSync(join(dir, p), data);
    const t: Record<'api' | Flavour, number[]> = { api: [], limits: [], plain: [] };
    const hit: Record<'api' | Flavour, number[]> = { api: [], limits: [], plain: [] };
    const tag = c.name.replace(/\W+/g, '-');
    try {
      // Warm-up, not measured: first use of the base image and its layers.
      await sb.build(session, { dockerfile: c.dockerfile, files: c.files, tag: `${tag}:warm`, noCache: true });
      await cliBuild('limits', dir, `${tag}-lwarm`);
      cliOwn.push(`${BENCH_REPO}:${tag}-lwarm`);
      for (let i = 0; i < c.rounds; i++) {
        await alternate(i,
          async () => { t.api.push(await time(() => sb.build(session, { dockerfile: c.dockerfile, files: c.files, tag: `${tag}:${i}`, noCache: true }))); },
          async () => {
            t.limits.push(await time(() => cliBuild('limits', dir, `${tag}-l${i}`)));
            cliOwn.push(`${BENCH_REPO}:${tag}-l${i}`);
            t.plain.push(await time(() => cliBuild('plain', dir, `${tag}-p${i}`)));
          });
      }
      // Cache hits: the same build again; every step comes from the cache.
      for (let i = 0; i < HIT_ROUNDS; i++) {
        await alternate(i,
          async () => {
            hit.api.push(await time(async () => {
              const events = await sb.build(session, { dockerfile: c.dockerfile, files: c.files, tag: `${tag}:0` });
              if (events.some((e) => e.type === 'layer' && (e.index ?? 0) > 1 && !e.cached)) throw new Error('the API rebuild missed the cache');
            }));
          },
          async () => {
            hit.limits.push(await time(() => cliBuild('limits', dir, `${tag}-l0`, false, [...cliOwn, ...catalog])));
            hit.plain.push(await time(() => cliBuild('plain', dir, `${tag}-p0`, false)));
          });
      }
    } finally { rmSync(dir, { recursive: true, force: true }); }
    const target = { on: 'ratio' as const, max: 1.05 };
    record({ figure: `build, no cache: ${c.name} (vs CLI, same limits)`, unit: 'ms', product: median(t.api), baseline: median(t.limits), target, note: `median of ${c.rounds}` });
    record({ figure: `build, no cache: ${c.name} (vs CLI, plain)`, unit: 'ms', product: median(t.api), baseline: median(t.plain) });
    record({ figure: `build, cache hit: ${c.name} (vs CLI, same limits)`, unit: 'ms', product: median(hit.api), baseline: median(hit.limits), target, note: `median of ${HIT_ROUNDS}` });
    record({ figure: `build, cache hit: ${c.name} (vs CLI, plain)`, unit: 'ms', product: median(hit.api), baseline: median(hit.plain) });
  }
}

async function benchContainers(sb: Sandbox, session: Session) {
  const s = (p: string) => `/v1/sessions/${session.id}${p}`;
  const run: Record<'api' | Flavour, number[]> = { api: [], limits: [], plain: [] };
  const exec = { api: [] as number[], cli: [] as number[] };
  const cmd = ['sleep', '300'];
  for (let i = 0; i < ROUNDS; i++) {
    await alternate(i,
      async () => {
        let id = '';
        run.api.push(await time(async () => {
          id = (await sb.json('POST', s('/containers'), session.token, { image: 'busybox:latest', cmd })).id;
          await sb.call('POST', s(`/containers/${id}/start`), session.token);
        }));
        for (let k = 0; k < 2; k++) {
          exec.api.push(await time(async () => {
            const r = await sb.json('POST', s(`/containers/${id}/exec`), session.token, { cmd: ['true'] });
            if (r.exitCode !== 0) throw new Error(`API exec: ${JSON.stringify(r)}`);
          }));
        }
        await sb.call('DELETE', s(`/containers/${id}`), session.token);
      },
      async () => {
        for (const flavour of ['limits', 'plain'] as const) {
          let id = '';
          run[flavour].push(await time(async () => { id = await cliRun(flavour, 'busybox:latest', cmd); }));
          if (flavour === 'limits') for (let k = 0; k < 2; k++) exec.cli.push(await time(() => sh('docker', ['exec', id, 'true'])));
          await sh('docker', ['rm', '-f', id]);
        }
      });
  }
  record({ figure: 'create+start vs docker run -d (same limits)', unit: 'ms', product: median(run.api), baseline: median(run.limits), target: { on: 'ratio', max: 1.05 }, note: `median of ${ROUNDS}` });
  record({ figure: 'create+start vs docker run -d (plain)', unit: 'ms', product: median(run.api), baseline: median(run.plain) });
  record({ figure: 'exec round trip vs docker exec', unit: 'ms', product: median(exec.api), baseline: median(exec.cli), note: `median of ${exec.api.length}` });
}

async function benchSessions(sb: Sandbox) {
  const created: Session[] = [];
  const api: number[] = [];
  const cli: number[] = [];
  // What a session costs the engine: one never-started marker container.
  for (let i = 0; i < SESSIONS; i++) {
    api.push(await time(async () => { created.push(await sb.createSession()); }));
    cli.push(await time(() => sh('docker', ['create', '--network', 'none', '--memory', '8m', '--log-driver', 'none', '--label', BENCH_LABEL, 'busybox:latest', 'true'])));
  }
  for (const c of created) await sb.deleteSession(c);
  record({ figure: `session creation p50 (vs docker create)`, unit: 'ms', product: pct(api, 50), baseline: pct(cli, 50), note: `${SESSIONS} sessions` });
  record({ figure: `session creation p95 (vs docker create)`, unit: 'ms', product: pct(api, 95), baseline: pct(cli, 95), target: { on: 'product', max: 300 } });
}

async function main() {
  const sb = await Sandbox.open();
  const session = await sb.createSession();
  const only = process.env.BENCH_ONLY?.split(',');
  try {
    if (!only || only.includes('builds')) await benchBuilds(sb, session);
    if (!only || only.includes('containers')) await benchContainers(sb, session);
    if (!only || only.includes('sessions')) await benchSessions(sb);
  } finally {
    await sb.deleteSession(session);
    await cliCleanup();
    await sb.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });

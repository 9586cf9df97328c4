// Where the sandbox server's time goes, per API operation: runs an
// in-process server whose engine adapter is wrapped to time every call
// (nothing in sandbox-server/ changes), then prints, for a build, a
// create+start, an exec, a session and N concurrent builds, the wall time
// and the engine calls made, with their count and summed time. The engine
// work everybody must do (build, create, start, exec) is what the CLI also
// pays; the rest is the server's own.
//   npx tsx scripts/bench/profile-server.ts   (LEARNERS=30 for the class part)
import type { Engine } from '../../sandbox-server/engine/engine';
import { DockerEngine } from '../../sandbox-server/engine/docker-engine';
import { createSandboxServer } from '../../sandbox-server/app';
import { loadSettings } from '../../lib/settings';
import { Sandbox } from './sandbox-client';

const N = Number(process.env.LEARNERS ?? 30);
let calls: { name: string; ms: number }[] = [];

function timed(engine: Engine): Engine {
  return new Proxy(engine, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const t0 = performance.now();
        const out = v.apply(target, args);
        if (out instanceof Promise) return out.finally(() => calls.push({ name: String(prop), ms: performance.now() - t0 }));
        return out;
      };
    },
  });
}

async function profile(label: string, fn: () => Promise<unknown>) {
  calls = [];
  const t0 = performance.now();
  await fn();
  const wall = performance.now() - t0;
  const by = new Map<string, { n: number; ms: number }>();
  for (const c of calls) { const b = by.get(c.name) ?? { n: 0, ms: 0 }; b.n++; b.ms += c.ms; by.set(c.name, b); }
  console.log(`\n${label}: ${wall.toFixed(0)} ms wall`);
  for (const [name, b] of [...by].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${name.padEnd(18)} ×${String(b.n).padStart(4)}  ${b.ms.toFixed(0).padStart(7)} ms summed`);
}

async function main() {
  const settings = loadSettings({ ...process.env, LAYERLAB_SESSION_RATE: '100000', LAYERLAB_SESSIONS_PER_HOST: '10000' });
  const server = createSandboxServer({ settings, engine: timed(new DockerEngine(settings.dockerSocket)), reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  const sb = new Sandbox(`http://127.0.0.1:${port}`);
  const s = await sb.createSession();
  const dockerfile = 'FROM busybox:latest\nWORKDIR /app\nCOPY greeting.txt .\nRUN wc -c greeting.txt > size.txt\nCMD ["cat", "size.txt"]\n';
  const files = { 'greeting.txt': 'hello\n' };
  const sessions: typeof s[] = [];
  try {
    await sb.build(s, { dockerfile, files, tag: 'p:warm', noCache: true });
    await profile('build, no cache', () => sb.build(s, { dockerfile, files, tag: 'p:1', noCache: true }));
    await profile('build, cache hit', () => sb.build(s, { dockerfile, files, tag: 'p:1' }));
    let id = '';
    await profile('create+start', async () => {
      id = (await sb.json('POST', `/v1/sessions/${s.id}/containers`, s.token, { image: 'busybox:latest', cmd: ['sleep', '60'] })).id;
      await sb.call('POST', `/v1/sessions/${s.id}/containers/${id}/start`, s.token);
    });
    await profile('exec', () => sb.call('POST', `/v1/sessions/${s.id}/containers/${id}/exec`, s.token, { cmd: ['true'] }));
    await profile('session creation', async () => { sessions.push(await sb.createSession()); });
    for (let i = 1; i < N; i++) sessions.push(await sb.createSession());
    await profile(`${N} concurrent builds`, () => Promise.all(sessions.map((x) => sb.build(x, { dockerfile, files, tag: 'lab/build:1', noCache: true }))));
  } finally {
    await Promise.all([s, ...sessions].map((x) => sb.deleteSession(x)));
    await server.close();
  }
}

main().catch((err) => { console.error(err); process.exit(1); });

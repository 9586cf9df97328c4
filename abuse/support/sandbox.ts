// The sandbox server under attack: started in-process from its own factory
// (listening on all interfaces when a test needs the port reachable from
// containers, to prove the firewall and not the bind address refuses them),
// plus helpers that read the engine's own view with the docker CLI.
import { execFileSync, spawnSync } from 'node:child_process';
import { loadSettings } from '../../lib/settings';
import { createSandboxServer } from '../../sandbox-server/app';
import { Client, OPERATOR_TOKEN, type Started } from '../../sandbox-server/test/harness';

export { Client, OPERATOR_TOKEN, call, docker, engineObjects, lastEvent } from '../../sandbox-server/test/harness';
export type { Started } from '../../sandbox-server/test/harness';

export async function startSandbox(env: Record<string, string> = {}, host = '127.0.0.1'): Promise<Started & { port: number }> {
  // Sessions of every server sharing this engine count against the host's
  // cap; the abuse cases here test other limits.
  const settings = loadSettings({ LAYERLAB_SESSIONS_PER_HOST: '10000', LAYERLAB_OPERATOR_TOKEN: OPERATOR_TOKEN, ...env });
  const server = createSandboxServer({ settings, reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, host);
  return { server, port, base: `http://127.0.0.1:${port}` };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function dockerJson<T = any>(...args: string[]): T {
  return JSON.parse(execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }));
}

export interface Finished { exitCode: number; oomKilled: boolean; logs: string; status: string }

// Polls the engine until the container has exited (or the deadline passes).
export async function waitExit(id: string, timeoutMs: number): Promise<Finished> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [d] = dockerJson('inspect', id);
    if (!d.State.Running || Date.now() > until) {
      const logs = execFileSync('docker', ['logs', id], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });
      return { exitCode: d.State.ExitCode, oomKilled: d.State.OOMKilled, logs, status: d.State.Status };
    }
    await sleep(250);
  }
}

// Creates and starts a session container running `script` under sh.
export async function runScript(c: Client, script: string, image = 'busybox'): Promise<string> {
  const created = await c.req('POST', '/containers', { image, cmd: ['sh', '-c', script] });
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const started = await c.req('POST', `/containers/${created.body.id}/start`);
  if (started.status !== 200) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  return created.body.id as string;
}

// The full engine id of a session container, as the API names it.
export function engineId(ref: string): string {
  return execFileSync('docker', ['inspect', '--format', '{{.Id}}', ref], { encoding: 'utf8' }).trim();
}

// Every container the engine holds for builds of this session (intermediate
// containers carry no labels; our cgroup parent names the session).
export function buildLeftovers(sessionId: string): string[] {
  const ids = execFileSync('docker', ['ps', '-aq', '--no-trunc'], { encoding: 'utf8' }).split('\n').filter(Boolean);
  if (ids.length === 0) return [];
  const parents: { Id: string; HostConfig: { CgroupParent: string } }[] = inspectExisting(ids);
  return parents.filter((p) => p.HostConfig.CgroupParent === `/layerlab-build/s-${sessionId}`).map((p) => p.Id);
}

// docker inspect of objects that may vanish meanwhile (other tests share the
// engine): the ones still there, without failing on the rest.
export function inspectExisting<T = any>(ids: string[], kind: 'container' | 'image' = 'container'): T[] {
  if (ids.length === 0) return [];
  const r = spawnSync('docker', [kind, 'inspect', ...ids], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return r.stdout.trim() ? JSON.parse(r.stdout) : [];
}

// /healthz says to the operator what holds the session disk cap on this engine; the docker
// CLI on the same engine is the oracle for both the quota and the sizes.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { OPERATOR_TOKEN, call, docker, startServer, type Started } from './harness';

let s: Started;
beforeAll(async () => { s = await startServer(); });
afterAll(async () => { await s?.server.close(); });

it('reports quota or measured as the engine decides, and the data root as df sees it', async () => {
  const r = await call(s.base, 'GET', '/healthz', OPERATOR_TOKEN);
  const disk = r.body.disk;
  let quota = true;
  try {
    docker('run', '--rm', '--network', 'none', '--storage-opt', 'size=64m', 'busybox', 'true');
  } catch (err) {
    expect(String((err as { stderr?: string }).stderr)).toMatch(/storage-opt|quota/i);
    quota = false;
  }
  expect(disk.enforcement).toBe(quota ? 'quota' : 'measured');
  const root = docker('info', '--format', '{{.DockerRootDir}}');
  expect(disk.filesystem).toBe(JSON.parse(docker('info', '--format', '{{json .DriverStatus}}')).find(([k]: string[]) => k === 'Backing Filesystem')[1]);
  const [size, avail] = execFileSync('df', ['-B1', '--output=size,avail', root], { encoding: 'utf8' }).trim().split('\n')[1].trim().split(/\s+/).map(Number);
  expect(disk.sizeBytes).toBe(size);
  // Free space moves while other tests write: within 2%.
  expect(Math.abs(disk.freeBytes - avail)).toBeLessThan(size * 0.02);
});

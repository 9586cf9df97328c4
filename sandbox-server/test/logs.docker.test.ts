// A container's output through GET …/containers/:cid/logs, compared with
// `docker logs` on the same engine: stdout and stderr apart, followed until
// the container ends, capped like build output, never another session's.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContainerLogEvent } from '../../lib/protocol';
import { Client, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let b: Client;

beforeAll(async () => {
  s = await startServer({ LAYERLAB_OUTPUT_CAP: '64k' });
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
});
afterAll(async () => {
  await Promise.all([a?.remove(), b?.remove()]);
  await s?.server.close();
});

async function logs(c: Client, id: string, query = '?follow=1'): Promise<{ status: number; events: ContainerLogEvent[] }> {
  const res = await fetch(`${c.base}/v1/sessions/${c.id}/containers/${id}/logs${query}`, { headers: { authorization: `Bearer ${c.token}` } });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, events: [] };
  return { status: 200, events: text.split('\n').filter(Boolean).map((l) => ContainerLogEvent.parse(JSON.parse(l))) };
}

const joined = (events: ContainerLogEvent[], stream: 'stdout' | 'stderr') =>
  events.map((e) => (e.type === 'output' && e.stream === stream ? e.text : '')).join('');

// The CLI's own view: stdout and stderr of `docker logs` read apart.
function cliLogs(id: string): { stdout: string; stderr: string } {
  const stderrFile = `/tmp/layerlab-logs-${id}.err`;
  const stdout = execFileSync('sh', ['-c', `docker logs ${id} 2>${stderrFile}`], { encoding: 'utf8' });
  const stderr = execFileSync('cat', [stderrFile], { encoding: 'utf8' });
  execFileSync('rm', ['-f', stderrFile]);
  return { stdout, stderr };
}

async function run(c: Client, cmd: string[], interactive = true): Promise<string> {
  const made = await c.req('POST', '/containers', { image: 'busybox:1.35', cmd, interactive });
  expect(made.status).toBe(201);
  expect((await c.req('POST', `/containers/${made.body.id}/start`)).status).toBe(200);
  return made.body.id;
}

describe('container logs', () => {
  it('follows stdout and stderr apart until the container ends, exactly as docker logs has them', async () => {
    const id = await run(a, ['sh', '-c', 'echo to-out; echo to-err >&2; sleep 1; echo later; exit 3']);
    const { status, events } = await logs(a, id);
    expect(status).toBe(200);
    const end = lastEvent(events as never) as unknown as ContainerLogEvent;
    expect(end).toMatchObject({ type: 'end', state: 'exited', exitCode: 3, truncated: false });
    const cli = cliLogs(id);
    expect(joined(events, 'stdout')).toBe(cli.stdout);
    expect(joined(events, 'stderr')).toBe(cli.stderr);
    expect(cli.stdout).toBe('to-out\nlater\n');
    expect(cli.stderr).toBe('to-err\n');
  });

  it('keeps an interactive shell waiting (docker run -di) instead of letting it exit', async () => {
    const id = await run(a, ['sh']);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await a.req('GET', `/containers/${id}`)).body.state).toBe('running');
    // Without following, the log answers at once with what is there so far.
    const { events } = await logs(a, id, '');
    expect(events.at(-1)).toMatchObject({ type: 'end', state: 'running', exitCode: null });
    await a.req('DELETE', `/containers/${id}`);
  });

  it('cuts a flood at the output cap and says so', async () => {
    const id = await run(a, ['sh', '-c', 'head -c 1000000 /dev/zero | tr "\\0" x']);
    const { events } = await logs(a, id);
    const bytes = Buffer.byteLength(joined(events, 'stdout'));
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(events.at(-1)).toMatchObject({ type: 'end', truncated: true });
  });

  it('never shows one session the logs of another', async () => {
    const secret = `secret-${Math.random().toString(36).slice(2)}`;
    const id = await run(a, ['sh', '-c', `echo ${secret}`]);
    await logs(a, id);
    const other = await logs(b, id);
    expect(other.status).toBe(404);
    expect(JSON.stringify(other.events)).not.toContain(secret);
    const short = await logs(b, id.slice(0, 12));
    expect(short.status).toBe(404);
  });
});

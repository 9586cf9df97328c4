// Test harness for the engine tier: a sandbox server in-process on port 0,
// a small API client, and the docker CLI for the engine's own view.
import { expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRegistryCredentials } from '../registry/registry-client';
import { loadSettings } from '../../lib/settings';
import type { BuildEvent } from '../../lib/protocol';
import { createSandboxServer, type SandboxServer } from '../app';
import { Labels } from '../labels';
import { isSessionId, sessionOfImageName } from '../sessions/names';

export interface Started { server: SandboxServer; base: string }

// The operator's token of every test server: /healthz shows the engine, the
// networks and the counts only with it (sandbox-server/health/operator.ts).
export const OPERATOR_TOKEN = 'test-operator-token-0123456789abcdef';

export async function startServer(env: Record<string, string> = {}): Promise<Started> {
  // Every engine test is one client (127.0.0.1), and a server counts the
  // live sessions it recovers from the engine: the per-address cap is tested
  // on its own (session-store and abuse tests), so here it is the host's.
  const settings = loadSettings({ LAYERLAB_OPERATOR_TOKEN: OPERATOR_TOKEN, LAYERLAB_SESSIONS_PER_ADDRESS: env.LAYERLAB_SESSIONS_PER_HOST ?? '60', ...env });
  const server = createSandboxServer({ settings, reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  return { server, base: `http://127.0.0.1:${port}` };
}

export interface Reply<T = any> { status: number; body: T }

export async function call<T = any>(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Reply<T>> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* NDJSON or text */ }
  return { status: res.status, body: parsed as T };
}

export class Client {
  constructor(readonly base: string, readonly id: string, readonly token: string) {}
  static async create(base: string): Promise<Client> {
    const r = await call(base, 'POST', '/v1/sessions');
    if (r.status !== 201) throw new Error(`session: ${r.status} ${JSON.stringify(r.body)}`);
    return new Client(base, r.body.id, r.body.token);
  }
  req<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return call<T>(this.base, method, `/v1/sessions/${this.id}${path}`, this.token, body);
  }
  async build(body: Record<string, unknown>): Promise<{ status: number; events: BuildEvent[] }> {
    const res = await fetch(`${this.base}/v1/sessions/${this.id}/builds`, {
      method: 'POST', headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status !== 200) return { status: res.status, events: [JSON.parse(text)] };
    return { status: res.status, events: text.split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
  }
  remove(): Promise<Reply> { return this.req('DELETE', ''); }
}

export function docker(...args: string[]): string {
  return execFileSync('docker', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

// `docker push` to the lesson registry as the sandbox server does it: with
// the credentials only the server holds, logged in through a docker config
// of its own so nothing stays behind in root's.
export function pushAsServer(ref: string): void {
  const auth = readRegistryCredentials(loadSettings({}).registryCredentials);
  const dir = mkdtempSync(path.join(tmpdir(), 'layerlab-docker-'));
  try {
    if (auth) execFileSync('docker', ['--config', dir, 'login', '-u', auth.username, '--password-stdin', auth.serveraddress], { input: auth.password, stdio: ['pipe', 'pipe', 'pipe'] });
    execFileSync('docker', ['--config', dir, 'push', ref], { stdio: ['ignore', 'pipe', 'pipe'] });
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

// Everything a session left in the engine: containers by label, images by
// label or by a name of the session (its build results carry no label).
export function engineObjects(sessionId: string): { containers: string[]; images: string[] } {
  if (!isSessionId(sessionId)) throw new Error(`engineObjects: ${JSON.stringify(sessionId)} is not a session id`);
  const containers = docker('ps', '-aq', '--no-trunc', '--filter', `label=${Labels.session}=${sessionId}`).split('\n').filter(Boolean);
  const labelled = docker('images', '-q', '--no-trunc', '--filter', `label=${Labels.session}=${sessionId}`).split('\n').filter(Boolean);
  const named = docker('images', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}').split('\n')
    .map((l) => l.split(' ')).filter(([, name]) => name && sessionOfImageName(name) === sessionId).map(([id]) => id);
  return { containers, images: [...new Set([...labelled, ...named])] };
}

export const lastEvent = (events: BuildEvent[]) => events[events.length - 1];

// One flag per step of a build that must have succeeded, FROM first (never
// cached: it names a base).
export function cachedSteps(events: BuildEvent[]): boolean[] {
  expect(lastEvent(events).type).toBe('done');
  return events.filter((e) => e.type === 'layer').map((e) => (e as { cached: boolean }).cached);
}

// The benchmarks' side of the sandbox API: the external server run.sh
// started (LAYERLAB_SANDBOX_URL), or one started in this process when run alone.
import { loadSettings } from '../../lib/settings';
import { createSandboxServer } from '../../sandbox-server/app';

export interface Session { id: string; token: string }

export class Sandbox {
  constructor(readonly base: string, private readonly stop: () => Promise<void> = async () => undefined) {}

  static async open(): Promise<Sandbox> {
    const url = process.env.LAYERLAB_SANDBOX_URL;
    if (url) return new Sandbox(url.replace(/\/$/, ''));
    // Alone, many sessions from one address would meet the per-address rate
    // limit and the host's session quota, which other users' sessions count towards.
    const settings = loadSettings({ ...process.env, LAYERLAB_SESSION_RATE: '100000', LAYERLAB_SESSIONS_PER_HOST: '10000' });
    const server = createSandboxServer({ settings, reaperIntervalMs: 3_600_000 });
    const { port } = await server.listen(0, '127.0.0.1');
    return new Sandbox(`http://127.0.0.1:${port}`, () => server.close());
  }

  async close() { await this.stop(); }

  async call(method: string, path: string, token?: string, body?: unknown): Promise<string> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
    return text;
  }

  async json<T = any>(method: string, path: string, token?: string, body?: unknown): Promise<T> { // eslint-disable-line @typescript-eslint/no-explicit-any
    return JSON.parse(await this.call(method, path, token, body)) as T;
  }

  createSession(): Promise<Session> { return this.json('POST', '/v1/sessions'); }
  deleteSession(s: Session) { return this.call('DELETE', `/v1/sessions/${s.id}`, s.token).catch(() => undefined); }

  // Runs a build to its last event; throws unless it is `done`. Returns the events.
  async build(s: Session, request: { dockerfile: string; files?: Record<string, string>; tag?: string; noCache?: boolean }) {
    const out = await this.call('POST', `/v1/sessions/${s.id}/builds`, s.token, request);
    const events = out.trim().split("\n").map((l) => JSON.parse(l) as { type: string; index?: number; imageId?: string; cached?: boolean; message?: string });
    const last = events[events.length - 1];
    if (last?.type !== 'done') throw new Error(`API build failed: ${last?.message ?? out.slice(-400)}`);
    return events;
  }
}

// What the sandbox's health answers tell a visitor: ok or not, and nothing
// of the host. The engine's version, the host's kernel, the runtime, bridge
// names and session counts go to the operator only (a token, or the
// loopback address itself when LAYERLAB_OPERATOR_LOOPBACK is on), and the
// same in /metrics. Requests come from other loopback addresses through
// Node's localAddress, as a neighbour on the host or a proxy would send them;
// the facts the answers must not hold are read from the docker CLI.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, OPERATOR_TOKEN, docker, startSandbox, type Started } from './support/sandbox';

interface Answer { status: number; type: string; text: string }

function get(port: number, path: string, opts: { from?: string; to?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: opts.to ?? '127.0.0.1', port, path, localAddress: opts.from, headers: opts.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), text }));
    });
    req.on('error', reject);
    req.end();
  });
}

const info = JSON.parse(docker('info', '--format', '{{json .}}')) as { ServerVersion: string; KernelVersion: string; DefaultRuntime: string };
const bridges = docker('network', 'ls', '--format', '{{.Name}}').split('\n').filter(Boolean);
const bridgeIfaces = docker('network', 'ls', '-q').split('\n').filter(Boolean).map((id) => `br-${id.slice(0, 12)}`);

// Every fact of the host a visitor must not learn, as it would be printed.
function disclosed(text: string): string[] {
  const facts = [info.ServerVersion, info.KernelVersion, info.DefaultRuntime, ...bridges, ...bridgeIfaces, 'docker0', 'kernel', 'version', 'sessions', 'capabilities'];
  return facts.filter((f) => text.toLowerCase().includes(f.toLowerCase()));
}

// Each way a visitor might try to pass as the operator without the token.
const forgeries: Record<string, string>[] = [
  {},
  { authorization: 'Bearer wrong-token-wrong-token-wrong-token' },
  { authorization: `Bearer ${OPERATOR_TOKEN.slice(0, -1)}` },
  { authorization: `Bearer ${OPERATOR_TOKEN}x` },
  { authorization: `Basic ${Buffer.from(`operator:${OPERATOR_TOKEN}`).toString('base64')}` },
  { authorization: OPERATOR_TOKEN },
  { 'x-forwarded-for': '127.0.0.1' },
  { 'x-real-ip': '127.0.0.1', forwarded: 'for=127.0.0.1' },
  { host: 'localhost' },
];

let tokenOnly: Started & { port: number };   // LAYERLAB_OPERATOR_LOOPBACK off (the default)
let loopback: Started & { port: number };    // on, no token configured
let session: Client;

beforeAll(async () => {
  tokenOnly = await startSandbox({}, '0.0.0.0');
  loopback = await startSandbox({ LAYERLAB_OPERATOR_LOOPBACK: 'on', LAYERLAB_OPERATOR_TOKEN: '' }, '0.0.0.0');
  session = await Client.create(tokenOnly.base);
});

afterAll(async () => {
  await session?.remove();
  for (const s of [tokenOnly, loopback]) await s?.server.close();
});

describe('a visitor', () => {
  it('learns ok or not from /healthz, and no fact of the host, whatever it sends', async () => {
    for (const [server, from] of [[tokenOnly, '127.0.0.1'], [tokenOnly, '127.0.0.2'], [tokenOnly, '127.0.0.3'], [loopback, '127.0.0.2'], [loopback, '127.0.0.9']] as const) {
      for (const headers of forgeries) {
        const r = await get(server.port, '/healthz', { from, headers });
        const what = `${from} → ${server === loopback ? 'loopback-on' : 'token-only'} with ${JSON.stringify(headers)}`;
        expect(r.status, what).toBe(200);
        expect(JSON.parse(r.text), what).toEqual({ ok: true });
        expect(disclosed(r.text), what).toEqual([]);
      }
    }
  });

  it('gets no /metrics, with a clear refusal that names the way in', async () => {
    for (const [server, from] of [[tokenOnly, '127.0.0.1'], [tokenOnly, '127.0.0.2'], [loopback, '127.0.0.2']] as const) {
      for (const headers of forgeries) {
        const r = await get(server.port, '/metrics', { from, headers });
        expect(r.status, `${from} ${JSON.stringify(headers)}`).toBe(403);
        expect(JSON.parse(r.text).error).toEqual({ code: 'forbidden', message: expect.stringContaining('LAYERLAB_OPERATOR_TOKEN') });
        expect(disclosed(r.text.replace('LAYERLAB_OPERATOR_TOKEN', ''))).toEqual([]);
      }
    }
  });
});

describe('the operator', () => {
  it('with the token, from any address, reads the engine, the networks and the counts as Docker reports them', async () => {
    for (const from of ['127.0.0.1', '127.0.0.2']) {
      for (const authorization of [`Bearer ${OPERATOR_TOKEN}`, `bearer ${OPERATOR_TOKEN}`]) {
        const r = await get(tokenOnly.port, '/healthz', { from, headers: { authorization } });
        const body = JSON.parse(r.text);
        expect(body).toMatchObject({ ok: true, engine: { version: info.ServerVersion, runtime: info.DefaultRuntime, kernelVersion: info.KernelVersion } });
        expect(body.sessions).toBeGreaterThanOrEqual(1);
        expect(body.network).toMatchObject({ ok: true, name: 'layerlab-sandbox', bridge: expect.stringMatching(/^br-[0-9a-f]{12}$|^[\w.-]+$/) });
        expect(body.buildNetwork).toMatchObject({ ok: true, name: 'bridge', bridge: 'docker0' });
      }
    }
  });

  it('from 127.0.0.1 or ::1 itself, when loopback is on; never from 127.0.0.2', async () => {
    const own = JSON.parse((await get(loopback.port, '/healthz', { from: '127.0.0.1' })).text);
    expect(own.engine).toEqual({ version: info.ServerVersion, runtime: info.DefaultRuntime, kernelVersion: info.KernelVersion });
    let v6: Answer | null = null;
    try { v6 = await get(loopback.port, '/healthz', { from: '::1', to: '::1' }); } catch { /* no IPv6 loopback on this host */ }
    if (v6) expect(JSON.parse(v6.text).engine.version).toBe(info.ServerVersion);
    for (const from of ['127.0.0.2', '127.0.1.1', '127.255.255.254']) {
      expect(JSON.parse((await get(loopback.port, '/healthz', { from, headers: { 'x-forwarded-for': '127.0.0.1' } })).text), from).toEqual({ ok: true });
      expect((await get(loopback.port, '/metrics', { from })).status, from).toBe(403);
    }
  });

  it('scrapes /metrics in Prometheus text format, the same facts and the live session count', async () => {
    const scrape = async () => {
      const r = await get(tokenOnly.port, '/metrics', { from: '127.0.0.2', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
      expect(r.status).toBe(200);
      expect(r.type).toMatch(/^text\/plain; version=0\.0\.4/);
      return r.text;
    };
    const value = (text: string, name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
    const before = await scrape();
    expect(before).toContain('# TYPE layerlab_up gauge');
    expect(value(before, 'layerlab_up')).toBe(1);
    expect(before).toContain(`layerlab_engine_info{version="${info.ServerVersion}",runtime="${info.DefaultRuntime}",kernel="${info.KernelVersion}"} 1`);
    expect(before).toMatch(/^layerlab_network_policy_ok\{role="sandbox",network="[^"]+",bridge="[^"]+"\} 1$/m);
    const extra = await Client.create(tokenOnly.base);
    try {
      expect(value(await scrape(), 'layerlab_sessions_live')).toBe(value(before, 'layerlab_sessions_live') + 1);
    } finally {
      await extra.remove();
    }
  });
});

describe('a session', () => {
  it('reads the runtime and host kernel its lessons compare with, and only with its own token', async () => {
    const own = await session.req('GET', '/engine');
    expect(own.status).toBe(200);
    expect(own.body).toEqual({ runtime: info.DefaultRuntime, kernelVersion: info.KernelVersion, capabilities: expect.any(Array) });
    expect(JSON.stringify(own.body)).not.toContain(info.ServerVersion);
    const anon = await get(tokenOnly.port, `/v1/sessions/${session.id}/engine`, { from: '127.0.0.2' });
    expect(anon.status).toBe(401);
    const forged = await get(tokenOnly.port, `/v1/sessions/${session.id}/engine`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } });
    expect(forged.status).toBe(403);
  });
});

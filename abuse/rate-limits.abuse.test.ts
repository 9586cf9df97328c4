// Per-address limits of the sandbox server, attacked as a client would: a
// forwarded-for header that names a new client on every request must not
// buy a bigger quota, while a truly different address (another loopback
// address, via localAddress) still gets through. With LAYERLAB_TRUST_PROXY=1
// the nearest proxy's entry counts, and only that one.
import { afterAll, describe, expect, it } from 'vitest';
import { clientKey } from '../sandbox-server/sessions/session-store';
import { requestFrom, rotatingForwardedFor } from './support/from-address';
import { startSandbox, type Started } from './support/sandbox';

const started: Started[] = [];
afterAll(async () => {
  for (const s of started) {
    // Every session these servers made, starters' included.
    for (const session of s.server.services.sessions.live().filter((x) => made.has(x.client))) {
      await s.server.services.reaper.removeSession(session.id).catch(() => undefined);
    }
    await s.server.close();
  }
});
const made = new Set<string>();
const track = (address: string) => { made.add(clientKey(address)); return address; };

async function sandbox(env: Record<string, string>) {
  const s = await startSandbox(env);
  started.push(s);
  return s;
}

describe('sessions per address', () => {
  it('a rotating X-Forwarded-For does not escape the per-minute limit; another address gets through', async () => {
    const s = await sandbox({ LAYERLAB_SESSION_RATE: '4' });
    const me = track('127.0.0.2');
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i < 10; i++) {
      const r = await requestFrom(me, `${s.base}/v1/sessions`, { method: 'POST', headers: rotatingForwardedFor() });
      statuses.push(r.status);
      if (r.status === 429) refusal ??= r;
    }
    expect(statuses.filter((x) => x === 201)).toHaveLength(4);
    expect(statuses.slice(4).every((x) => x === 429)).toBe(true);
    expect(refusal!.body.error).toMatchObject({ code: 'quota', limit: 'session-create' });
    expect(Number(refusal!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refusal!.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refusal!.headers['access-control-expose-headers']).toMatch(/Retry-After/i);
    const other = await requestFrom(track('127.0.0.3'), `${s.base}/v1/sessions`, { method: 'POST' });
    expect(other.status).toBe(201);
  });

  it('one address holds at most its share of live sessions, whatever it forwards; the 429 says which limit', async () => {
    const s = await sandbox({ LAYERLAB_SESSION_RATE: '1000', LAYERLAB_SESSIONS_PER_ADDRESS: '5' });
    const me = track('127.0.0.4');
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await requestFrom(me, `${s.base}/v1/sessions`, { method: 'POST', headers: rotatingForwardedFor() }));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(5);
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(3);
    for (const r of refused) {
      expect(r.body.error.limit).toBe('sessions-per-address');
      expect(r.body.error.message).toMatch(/sessions per address: 5/);
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(60); // the first of its sessions expires in two hours
    }
    // Ending one of its sessions frees a slot for the same address.
    const first = answers[0].body;
    const del = await requestFrom(me, `${s.base}/v1/sessions/${first.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${first.token}` } });
    expect(del.status).toBe(200);
    expect((await requestFrom(me, `${s.base}/v1/sessions`, { method: 'POST' })).status).toBe(201);
    // Another address still gets a session of its own.
    expect((await requestFrom(track('127.0.0.5'), `${s.base}/v1/sessions`, { method: 'POST' })).status).toBe(201);
  });

  it('new class starters count against the same per-address limit, forwarded header or not', async () => {
    const s = await sandbox({ LAYERLAB_SESSION_RATE: '2' });
    const me = track('127.0.0.6');
    const statuses: number[] = [];
    let refusal: Awaited<ReturnType<typeof requestFrom>> | undefined;
    for (let i = 0; i < 4; i++) {
      const r = await requestFrom(me, `${s.base}/v1/starters`, { method: 'POST', headers: rotatingForwardedFor(), body: { dockerfile: `FROM busybox\nLABEL abuse.starter="${process.pid}-${Date.now()}-${i}"\n` } });
      statuses.push(r.status);
      if (r.status === 429) refusal ??= r;
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
    expect(refusal!.body.error.limit).toBe('session-create');
    expect(refusal!.headers['retry-after']).toMatch(/^\d+$/);
    const other = await requestFrom(track('127.0.0.7'), `${s.base}/v1/starters`, { method: 'POST', body: { dockerfile: `FROM busybox\nLABEL abuse.starter="${process.pid}-${Date.now()}-other"\n` } });
    expect(other.status).toBe(201);
  });
});

describe('LAYERLAB_TRUST_PROXY=1', () => {
  it('counts by the entry the proxy appended, never by what the client wrote in front of it', async () => {
    const s = await sandbox({ LAYERLAB_SESSION_RATE: '3', LAYERLAB_TRUST_PROXY: '1' });
    const proxy = '127.0.0.8';
    const client = track('203.0.113.77');
    const statuses: number[] = [];
    // The client forges a new address each time; the proxy appends the real one.
    for (let i = 0; i < 6; i++) {
      const r = await requestFrom(proxy, `${s.base}/v1/sessions`, { method: 'POST', headers: { 'x-forwarded-for': `10.9.${i}.1, ${client}` } });
      statuses.push(r.status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    // Another client behind the same proxy is counted apart.
    const other = await requestFrom(proxy, `${s.base}/v1/sessions`, { method: 'POST', headers: { 'x-forwarded-for': track('203.0.113.78') } });
    expect(other.status).toBe(201);
  });
});

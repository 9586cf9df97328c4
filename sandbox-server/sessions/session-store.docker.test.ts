// Expiry extended by activity survives a restart: the store writes a fresh
// marker (at most once a minute) and a new store reads the newest expiry.
import { afterAll, describe, expect, it } from 'vitest';
import { DockerEngine } from '../engine/docker-engine';
import { Labels } from '../labels';
import { ApiFailure } from '../errors';
import { SessionStore } from './session-store';

const engine = new DockerEngine('/var/run/docker.sock');
let clock = Date.now();
const store = new SessionStore(engine, { ttlSeconds: 600, maxSessions: 1000, origin: 'test', now: () => clock });
const created: string[] = [];

afterAll(async () => { for (const id of created) await store.removeMarkers(id); });

const markers = async (id: string) =>
  (await engine.listContainers([`${Labels.kind}=marker`, `${Labels.session}=${id}`])).map((m) => Date.parse(m.Labels[Labels.expires]));

describe('SessionStore expiry', () => {
  it('persists an extension only after a minute of activity, keeping one marker', async () => {
    const { session, token } = await store.create('203.0.113.1');
    created.push(session.id);
    const first = session.expiresAt;
    expect(await markers(session.id)).toEqual([first]);

    clock += 30_000;
    store.touch(session);
    await store.flush();
    expect(session.expiresAt).toBe(first + 30_000);
    expect(await markers(session.id)).toEqual([first]);

    clock += 60_000;
    store.touch(session);
    await store.flush();
    expect(await markers(session.id)).toEqual([first + 90_000]);
    // npm test clears earlier runs' sessions by this label (scripts/test.sh).
    const [marker] = await engine.listContainers([`${Labels.kind}=marker`, `${Labels.session}=${session.id}`]);
    expect(marker.Labels[Labels.origin]).toBe('test');

    const restarted = new SessionStore(engine, { ttlSeconds: 600, maxSessions: 1000, origin: 'test', now: () => clock });
    await restarted.recover();
    const again = restarted.authenticate(session.id, token);
    expect(again.expiresAt).toBe(first + 90_000);
    expect(() => restarted.authenticate(session.id, token + 'x')).toThrow(/does not open/);

    clock += 700_000;
    expect(() => restarted.authenticate(session.id, token)).toThrow(/No live session/);
    expect(restarted.isLive(session.id)).toBe(false);
  });

  it('caps live sessions per address, and a restarted store still counts them', async () => {
    const opts = { ttlSeconds: 600, maxSessions: 1000, maxPerClient: 2, origin: 'test', now: () => clock };
    const capped = new SessionStore(engine, opts);
    const address = `198.51.100.${process.pid % 250}`;
    for (let i = 0; i < 2; i++) created.push((await capped.create(address)).session.id);
    const refused = await capped.create(address).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect((refused as ApiFailure).detail?.limit).toBe('sessions-per-address');
    expect((refused as ApiFailure).detail?.retryAfterSeconds).toBeGreaterThan(0);
    // Another address is not held back by this one.
    created.push((await capped.create('2001:db8::/64')).session.id);

    const restarted = new SessionStore(engine, opts);
    await restarted.recover();
    await expect(restarted.create(address)).rejects.toMatchObject({ detail: { limit: 'sessions-per-address' } });
  });

  it('says which cap refused: the address\'s own, or the host\'s once it is full', async () => {
    const small = new SessionStore(engine, { ttlSeconds: 600, maxSessions: 3, maxPerClient: 2, origin: 'test', now: () => clock });
    for (const a of ['192.0.2.1', '192.0.2.1']) created.push((await small.create(a)).session.id);
    await expect(small.create('192.0.2.1')).rejects.toMatchObject({ detail: { limit: 'sessions-per-address' }, message: expect.stringMatching(/sessions per address: 2/) });
    created.push((await small.create('192.0.2.2')).session.id);
    await expect(small.create('192.0.2.3')).rejects.toMatchObject({ detail: { limit: 'sessions-per-host' }, message: expect.stringMatching(/host is full/) });
    await expect(small.create('192.0.2.1')).rejects.toMatchObject({ detail: { limit: 'sessions-per-host' } });
  });

  it('writes no marker for a session forgotten while a request still held it, and settles one already being written', async () => {
    const { session } = await store.create('203.0.113.2');
    created.push(session.id);
    clock += 90_000;
    store.touch(session); // a marker write under way
    store.forget(session.id);
    await store.settle(session.id);
    await store.removeMarkers(session.id);
    clock += 90_000;
    store.touch(session); // a request that authenticated before the removal
    await store.flush();
    expect(await markers(session.id)).toEqual([]);
  });
});

// The limiter store against the real PostgreSQL that scripts/setup/postgres.sh
// starts (LAYERLAB_TEST_PG_URL): two stores stand for two web nodes or
// sandbox hosts and share one count, a restarted one still remembers, and a
// database that does not answer still limits (in memory). The memory store
// alone needs no database.
import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { RateLimitSpec } from '../lib/rate-limits/table';
import { limiterStore, PG_TABLE, type LimiterStore } from './limiters';

const pgUrl = process.env.LAYERLAB_TEST_PG_URL;
const requirePg = process.env.LAYERLAB_REQUIRE_PG === '1';
const spec = (points: number): RateLimitSpec => ({ name: 'session-create', points, durationSeconds: 60 });
const stores: LimiterStore[] = [];
const open = (url: string) => { const s = limiterStore(url); stores.push(s); return s; };
afterAll(async () => { for (const s of stores) await s.close().catch(() => undefined); });

describe('memory store', () => {
  it('refuses past the points with the wait until the window ends; other keys are apart', async () => {
    const l = open('file:./data/unused.db').create(spec(3));
    for (let i = 0; i < 3; i++) expect(await l.take('192.0.2.1')).toEqual({ ok: true });
    const refused = await l.take('192.0.2.1');
    expect(refused).toMatchObject({ ok: false, limit: 'session-create' });
    expect(refused.ok === false && refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.ok === false && refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await l.take('192.0.2.2')).toEqual({ ok: true });
  });

  it('peeks without counting, and charges without refusing (the classroom\'s join windows)', async () => {
    const l = open('file:./data/unused.db').create({ name: 'join-refused', points: 2, durationSeconds: 60 });
    expect(await l.peek('192.0.2.3')).toBeNull();
    for (let i = 0; i < 3; i++) await l.charge('192.0.2.3');
    expect(await l.peek('192.0.2.3')).toMatchObject({ consumed: 3 });
    expect(await l.peek('192.0.2.3')).toMatchObject({ consumed: 3 });
    expect(await l.take('192.0.2.3')).toMatchObject({ ok: false, limit: 'join-refused' });
    expect(await l.peek('192.0.2.4')).toBeNull();
  });
});

describe.runIf(Boolean(pgUrl) || requirePg)('PostgreSQL store', () => {
  const key = `limits-test-${randomUUID()}`;
  afterAll(async () => {
    if (!pgUrl) return;
    const pool = new Pool({ connectionString: pgUrl });
    await pool.query(`DELETE FROM "${PG_TABLE}" WHERE key LIKE $1`, [`%${key}%`]).catch(() => undefined);
    await pool.end();
  });

  it('two nodes share one count, and a restarted node still remembers it', async () => {
    if (!pgUrl) throw new Error('LAYERLAB_TEST_PG_URL is not set: run `export LAYERLAB_TEST_PG_URL="$(bash scripts/setup/postgres.sh)"` first');
    const a = open(pgUrl);
    const b = open(pgUrl);
    expect(a.kind).toBe('postgres');
    const onA = a.create(spec(3));
    const onB = b.create(spec(3));
    expect(await onA.take(key)).toEqual({ ok: true });
    expect(await onB.take(key)).toEqual({ ok: true });
    expect(await onA.take(key)).toEqual({ ok: true });
    expect(await onB.take(key)).toMatchObject({ ok: false, limit: 'session-create' });
    const restarted = open(pgUrl).create(spec(3));
    expect(await restarted.take(key)).toMatchObject({ ok: false, limit: 'session-create' });
    expect(await restarted.take(`${key}-other`)).toEqual({ ok: true });
    // The count is in the database, where any node reads it.
    const pool = new Pool({ connectionString: pgUrl });
    try {
      const { rows } = await pool.query(`SELECT points FROM "${PG_TABLE}" WHERE key = $1`, [`session-create:${key}`]);
      expect(rows[0].points).toBeGreaterThanOrEqual(4);
    } finally { await pool.end(); }
  });

  it('a join charged on one node is seen by a peek on another', async () => {
    if (!pgUrl) throw new Error('LAYERLAB_TEST_PG_URL is not set');
    const joinSpec: RateLimitSpec = { name: 'join-refused-class', points: 20, durationSeconds: 60 };
    const onA = open(pgUrl).create(joinSpec);
    const onB = open(pgUrl).create(joinSpec);
    const k = `${key}-join ABC234`;
    expect(await onB.peek(k)).toBeNull();
    await onA.charge(k);
    await onA.charge(k);
    expect(await onB.peek(k)).toMatchObject({ consumed: 2 });
  });

  it('a database that does not answer still limits, in memory', async () => {
    const down = open('postgresql://nobody:none@127.0.0.1:9/none');
    const l = down.create(spec(2));
    expect(await l.take(key)).toEqual({ ok: true });
    expect(await l.take(key)).toEqual({ ok: true });
    expect(await l.take(key)).toMatchObject({ ok: false, limit: 'session-create' });
  });
});

// Lesson progress through the web API against real databases (SQLite and
// PostgreSQL, see prisma/test-databases.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/prisma/client';
import { removeTestDatabases, testBackends } from '@/prisma/test-databases';
import { getLessons } from '@/content/load';
import { emptyProgress, checkKey } from '@/lib/lessons/progress';
import { getProgressResponse, putProgressResponse } from './_lib/handlers';
import { createProgressStore } from './_lib/store';
import { limiterStore } from '@/rate-limiter/limiters';
import type { ProgressLimits } from './_lib/handlers';

// Limits as the route builds them, from the same library, with small allowances.
function limitsFor(clientKey: string, o: { writes?: number; learners?: number; rowsMax?: number } = {}): ProgressLimits {
  const store = limiterStore('file:memory');
  return {
    clientKey,
    writes: store.create({ name: 'progress-write', points: o.writes ?? 1000, durationSeconds: 60 }),
    learners: store.create({ name: 'progress-learner', points: o.learners ?? 1000, durationSeconds: 3600 }),
    rowsMax: o.rowsMax ?? 1_000_000,
  };
}

afterAll(removeTestDatabases);

const lessons = getLessons();
const build = lessons.find((l) => l.slug === 'docker-build')!;
const put = (body: unknown) => new Request('http://x/api/progress', { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body) });

for (const backend of testBackends('progress')) {
  describe.runIf(backend.run)(`lesson progress on ${backend.name}`, () => {
    let db: Db;
    beforeAll(async () => { db = createDb(await backend.prepare()); });
    afterAll(async () => { await db?.$disconnect(); });

    it('keeps a learner\'s progress in the database and marks a lesson done when every check passed', async () => {
      const learner = crypto.randomUUID();
      const allChecks = build.steps.flatMap((s) => s.checks.map((c) => checkKey(s.id, c.id)));
      const half = { ...emptyProgress(), passed: allChecks.slice(0, 1), currentStep: build.steps[0].id, hintsShown: { [build.steps[0].id]: 1 }, updatedAt: new Date().toISOString() };
      expect((await putProgressResponse(createProgressStore(db), lessons, learner, put({ slug: 'docker-build', progress: half }))).status).toBe(204);

      const loaded = await (await getProgressResponse(createProgressStore(db), learner)).json();
      expect(loaded['docker-build']).toMatchObject({ passed: half.passed, currentStep: half.currentStep, hintsShown: half.hintsShown });
      expect((await db.lessonProgress.findUnique({ where: { learnerId_lessonSlug: { learnerId: learner, lessonSlug: 'docker-build' } } }))?.completed).toBe(false);

      const done = { ...half, passed: allChecks, updatedAt: new Date().toISOString() };
      expect((await putProgressResponse(createProgressStore(db), lessons, learner, put({ slug: 'docker-build', progress: done }))).status).toBe(204);
      const row = await db.lessonProgress.findUnique({ where: { learnerId_lessonSlug: { learnerId: learner, lessonSlug: 'docker-build' } } });
      expect(row?.completed).toBe(true);
      expect(JSON.parse(row!.passed)).toEqual(allChecks);
      // Another learner sees nothing of it.
      expect(await (await getProgressResponse(createProgressStore(db), crypto.randomUUID())).json()).toEqual({});
    });

    it('refuses bad ids, unknown lessons, malformed and oversized bodies with clear errors', async () => {
      const store = createProgressStore(db);
      const learner = crypto.randomUUID();
      expect((await getProgressResponse(store, '../etc')).status).toBe(400);
      expect((await putProgressResponse(store, lessons, learner, put({ slug: 'no-such-lesson', progress: {} }))).status).toBe(404);
      expect((await putProgressResponse(store, lessons, learner, put('{not json'))).status).toBe(400);
      expect((await putProgressResponse(store, lessons, learner, put({ slug: 'docker-build', progress: {}, extra: 1 }))).status).toBe(400);
      const huge = await putProgressResponse(store, lessons, learner, put({ slug: 'docker-build', progress: { passed: ['x'.repeat(70_000)] } }));
      expect(huge.status).toBe(413);
      expect((await huge.json()).error.message).toContain('KiB');
    });

    it('limits saves per address, with Retry-After; another address still saves', async () => {
      const store = createProgressStore(db);
      const limits = limitsFor('192.0.2.10', { writes: 3 });
      const learner = crypto.randomUUID();
      const body = { slug: 'docker-build', progress: emptyProgress() };
      for (let i = 0; i < 3; i++) expect((await putProgressResponse(store, lessons, learner, put(body), limits)).status).toBe(204);
      const refused = await putProgressResponse(store, lessons, learner, put(body), limits);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await refused.json()).error).toMatchObject({ code: 'rate_limited', limit: 'progress-write' });
      const other = { ...limits, clientKey: '192.0.2.11' };
      expect((await putProgressResponse(store, lessons, learner, put(body), other)).status).toBe(204);
    });

    it('limits new learner ids per address; learners it already has keep saving', async () => {
      const store = createProgressStore(db);
      const limits = limitsFor('192.0.2.20', { learners: 2 });
      const body = { slug: 'docker-build', progress: emptyProgress() };
      const known = [crypto.randomUUID(), crypto.randomUUID()];
      for (const l of known) expect((await putProgressResponse(store, lessons, l, put(body), limits)).status).toBe(204);
      const fresh = crypto.randomUUID();
      const refused = await putProgressResponse(store, lessons, fresh, put(body), limits);
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.limit).toBe('progress-learner');
      expect(await db.lessonProgress.count({ where: { learnerId: fresh } })).toBe(0);
      expect((await putProgressResponse(store, lessons, known[0], put({ slug: lessons.find((l) => l.slug !== 'docker-build')!.slug, progress: emptyProgress() }), limits)).status).toBe(204);
    });

    it('stores only what the lesson names, and no new records past the total', async () => {
      const store = createProgressStore(db);
      const learner = crypto.randomUUID();
      const junk = { ...emptyProgress(), passed: Array.from({ length: 900 }, (_, i) => `step/${'x'.repeat(60)}${i}`) };
      expect((await putProgressResponse(store, lessons, learner, put({ slug: 'docker-build', progress: junk }), limitsFor('192.0.2.30'))).status).toBe(204);
      const row = await db.lessonProgress.findUniqueOrThrow({ where: { learnerId_lessonSlug: { learnerId: learner, lessonSlug: 'docker-build' } } });
      expect(JSON.parse(row.data).passed).toEqual([]);
      expect(row.data.length).toBeLessThan(400);

      const full = limitsFor('192.0.2.31', { rowsMax: await db.lessonProgress.count() });
      const refused = await putProgressResponse(store, lessons, crypto.randomUUID(), put({ slug: 'docker-build', progress: emptyProgress() }), full);
      expect(refused.status).toBe(507);
      expect((await refused.json()).error.limit).toBe('progress-total');
      // A record it already holds is still updated.
      expect((await putProgressResponse(store, lessons, learner, put({ slug: 'docker-build', progress: emptyProgress() }), full)).status).toBe(204);
    });
  });
}

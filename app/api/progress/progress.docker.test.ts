// Lesson progress through the web API against real databases (SQLite and
// PostgreSQL, see prisma/test-databases.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/prisma/client';
import { removeTestDatabases, testBackends } from '@/prisma/test-databases';
import { getLessons } from '@/content/load';
import { emptyProgress, checkKey } from '@/lib/lessons/progress';
import { getProgressResponse, putProgressResponse } from './_lib/handlers';
import { createProgressStore } from './_lib/store';

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
  });
}

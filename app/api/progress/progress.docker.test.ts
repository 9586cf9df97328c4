// Lesson progress through the web API against real databases: a fresh
// SQLite file migrated by `prisma migrate deploy`, and the PostgreSQL of
// scripts/setup/postgres.sh (LAYERLAB_TEST_PG_URL).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Db } from '@/prisma/client';
import { migratePostgres } from '@/scripts/setup/pg-migrate';
import { getLessons } from '@/content/load';
import { emptyProgress, checkKey } from '@/lib/lessons/progress';
import { getProgressResponse, putProgressResponse } from './_lib/handlers';
import { createProgressStore } from './_lib/store';

const root = path.resolve(__dirname, '..', '..', '..');
const pgUrl = process.env.LAYERLAB_TEST_PG_URL;
const requirePg = process.env.LAYERLAB_REQUIRE_PG === '1';
const tempDirs: string[] = [];
afterAll(() => { for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true }); });

async function sqliteUrl(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layerlab-progress-'));
  tempDirs.push(dir);
  const url = `file:${path.join(dir, 'progress.db')}`;
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  return url;
}
async function postgresUrl(): Promise<string> {
  if (!pgUrl) throw new Error('LAYERLAB_TEST_PG_URL is not set: run `export LAYERLAB_TEST_PG_URL="$(bash scripts/setup/postgres.sh)"` first');
  await migratePostgres(pgUrl);
  return pgUrl;
}

const lessons = getLessons();
const build = lessons.find((l) => l.slug === 'docker-build')!;
const put = (body: unknown) => new Request('http://x/api/progress', { method: 'PUT', body: typeof body === 'string' ? body : JSON.stringify(body) });

for (const backend of [
  { name: 'SQLite', prepare: sqliteUrl, run: true },
  { name: 'PostgreSQL', prepare: postgresUrl, run: Boolean(pgUrl) || requirePg },
]) {
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

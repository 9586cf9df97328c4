// The real databases the database tests run against: a fresh SQLite file
// migrated by `prisma migrate deploy`, and the PostgreSQL that
// scripts/setup/postgres.sh starts (LAYERLAB_TEST_PG_URL), migrated by our
// own runner. With LAYERLAB_REQUIRE_PG=1 a missing PostgreSQL is a failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { migratePostgres } from '../scripts/setup/pg-migrate';

const root = path.resolve(__dirname, '..');
const pgUrl = process.env.LAYERLAB_TEST_PG_URL;
const requirePg = process.env.LAYERLAB_REQUIRE_PG === '1';
const tempDirs: string[] = [];

export function removeTestDatabases(): void {
  for (const d of tempDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export async function sqliteTestUrl(name: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `layerlab-${name}-`));
  tempDirs.push(dir);
  const url = `file:${path.join(dir, `${name}.db`)}`;
  execFileSync(path.join(root, 'node_modules/.bin/prisma'), ['migrate', 'deploy'], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'pipe' });
  return url;
}

export async function postgresTestUrl(): Promise<string> {
  if (!pgUrl) throw new Error('LAYERLAB_TEST_PG_URL is not set: run `export LAYERLAB_TEST_PG_URL="$(bash scripts/setup/postgres.sh)"` first');
  await migratePostgres(pgUrl);
  return pgUrl;
}

export function testBackends(name: string) {
  if (!pgUrl && !requirePg) {
    console.warn(`${name}: LAYERLAB_TEST_PG_URL is not set, the PostgreSQL half is skipped (set LAYERLAB_REQUIRE_PG=1 to make that a failure)`);
  }
  return [
    { name: 'SQLite', prepare: () => sqliteTestUrl(name), run: true },
    // Required and missing: the PostgreSQL half runs and fails in beforeAll, loudly.
    { name: 'PostgreSQL', prepare: postgresTestUrl, run: Boolean(pgUrl) || requirePg },
  ];
}

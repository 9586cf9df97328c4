// Applies prisma/postgres/migrations to the PostgreSQL database at
// DATABASE_URL. `prisma migrate deploy` cannot do it here: on the JS engine
// with adapter-pg it fails reading PostgreSQL's `name` columns
// (prisma/orm#27403). This keeps Prisma's own bookkeeping table
// (_prisma_migrations, same columns and checksums), so `prisma migrate
// deploy` can take over once that is fixed. Each migration runs in one
// transaction; an advisory lock keeps two runs from racing.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createDb, isPostgresUrl } from '../../prisma/client';

const LOCK_ID = 72707369; // any constant; shared by every run of this script

export interface PgMigrationResult { applied: string[]; alreadyApplied: string[] }

export async function migratePostgres(url: string, dir = path.resolve(__dirname, '..', '..', 'prisma', 'postgres', 'migrations')): Promise<PgMigrationResult> {
  if (!isPostgresUrl(url)) throw new Error('pg-migrate needs a postgresql:// DATABASE_URL');
  const names = fs.readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
  const db = createDb(url);
  try {
    await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    return await db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${LOCK_ID})`);
      const rows = await tx.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: Date | null }[]>(
        'SELECT "migration_name", "checksum", "finished_at" FROM "_prisma_migrations" WHERE "rolled_back_at" IS NULL',
      );
      const done = new Map(rows.filter((r) => r.finished_at).map((r) => [r.migration_name, r.checksum]));
      const result: PgMigrationResult = { applied: [], alreadyApplied: [] };
      for (const name of names) {
        const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
        const checksum = crypto.createHash('sha256').update(sql).digest('hex');
        const was = done.get(name);
        if (was) {
          // An applied migration edited afterwards would leave databases that
          // differ while claiming the same history: refuse, as Prisma does.
          if (was !== checksum) throw new Error(`migration ${name} was edited after it was applied (checksum differs)`);
          result.alreadyApplied.push(name);
          continue;
        }
        for (const statement of splitStatements(sql)) await tx.$executeRawUnsafe(statement);
        await tx.$executeRawUnsafe(
          'INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES ($1, $2, now(), $3, now(), 1)',
          crypto.randomUUID(), checksum, name,
        );
        result.applied.push(name);
      }
      return result;
    }, { timeout: 120_000, maxWait: 60_000 });
  } finally {
    await db.$disconnect();
  }
}

// Prisma's generated migrations are plain DDL: statements end with `;` at
// the end of a line, with no functions or quoted semicolons in between.
export function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*$/m)
    .map((s) => s.replace(/^\s*--.*$/gm, '').trim())
    .filter((s) => s.length > 0);
}

if (process.argv[1] && /pg-migrate\.ts$/.test(process.argv[1])) {
  migratePostgres(process.env.DATABASE_URL ?? '').then(
    (r) => console.log(`PostgreSQL migrations: ${r.applied.length} applied (${r.applied.join(', ') || 'none'}), ${r.alreadyApplied.length} already there`),
    (err) => { console.error(`pg-migrate: ${err instanceof Error ? err.message : err}`); process.exit(1); },
  );
}

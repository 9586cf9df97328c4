// The database adapter: one PrismaClient per process, SQLite (WAL) by
// default or PostgreSQL when DATABASE_URL says so.
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';

export type Db = PrismaClient;

// Resolves a relative SQLite path against the project root, so the web and
// the scripts open the same file whatever their working directory.
export function resolveDatabaseUrl(url = process.env.DATABASE_URL ?? 'file:./data/layerlab.db'): string {
  if (!url.startsWith('file:')) return url;
  const file = url.slice('file:'.length);
  return 'file:' + (path.isAbsolute(file) ? file : path.resolve(process.cwd(), file));
}

export function createDb(url = resolveDatabaseUrl()): Db {
  const adapter = /^postgres(ql)?:/.test(url)
    ? new PrismaPg({ connectionString: url })
    : new PrismaBetterSQLite3({ url });
  return new PrismaClient({ adapter });
}

const globalForDb = globalThis as unknown as { layerlabDb?: Db };

export function getDb(): Db {
  globalForDb.layerlabDb ??= createDb();
  return globalForDb.layerlabDb;
}

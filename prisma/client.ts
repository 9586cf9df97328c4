// The database adapter: one PrismaClient per process, SQLite (WAL) by
// default or PostgreSQL when DATABASE_URL says so.
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
// A Prisma client is tied to its schema's provider: PostgreSQL has its own,
// generated from prisma/postgres/schema.prisma (same models, same API).
import { PrismaClient as PgPrismaClient } from './postgres/generated/client';

export type Db = PrismaClient;

// Resolves a relative SQLite path against the project root, so the web and
// the scripts open the same file whatever their working directory.
export function resolveDatabaseUrl(url = process.env.DATABASE_URL ?? 'file:./data/layerlab.db'): string {
  if (!url.startsWith('file:')) return url;
  const file = url.slice('file:'.length);
  return 'file:' + (path.isAbsolute(file) ? file : path.resolve(process.cwd(), file));
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:/.test(url);
}

export function createDb(url = resolveDatabaseUrl()): Db {
  if (isPostgresUrl(url)) {
    return new PgPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as Db;
  }
  return new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
}

const globalForDb = globalThis as unknown as { layerlabDb?: Db };

export function getDb(): Db {
  globalForDb.layerlabDb ??= createDb();
  return globalForDb.layerlabDb;
}

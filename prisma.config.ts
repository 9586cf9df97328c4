import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';

// Prisma's native engines cannot be downloaded here, so the CLI runs on the
// JavaScript engine with a driver adapter, SQLite or PostgreSQL by URL.
const url = process.env.DATABASE_URL ?? 'file:./data/layerlab.db';
const isPg = /^postgres(ql)?:/.test(url);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: isPg ? path.join('prisma', 'postgres', 'schema.prisma') : path.join('prisma', 'schema.prisma'),
  // PostgreSQL's migrations are its own SQL; `prisma migrate deploy` cannot
  // apply them through adapter-pg (prisma/orm#27403), scripts/setup/pg-migrate.ts does.
  migrations: { path: isPg ? path.join('prisma', 'postgres', 'migrations') : path.join('prisma', 'migrations') },
  async adapter() {
    return isPg ? new PrismaPg({ connectionString: url }) : new PrismaBetterSQLite3({ url });
  },
});

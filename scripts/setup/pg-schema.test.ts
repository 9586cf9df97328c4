import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivePgSchema } from './pg-schema';
import { splitStatements } from './pg-migrate';

const root = path.resolve(__dirname, '..', '..');

describe('the PostgreSQL schema', () => {
  it('is prisma/schema.prisma with another provider and its own client folder', () => {
    const pg = derivePgSchema('// sqlite notes\ngenerator client {\n  provider = "prisma-client"\n  output   = "./generated"\n}\n\ndatasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n\nmodel A {\n  id String @id\n}\n');
    expect(pg).toContain('provider = "postgresql"');
    expect(pg).not.toContain('sqlite');
    expect(pg).toContain('output     = "./generated"');
    expect(pg).toContain('model A {\n  id String @id\n}');
  });

  it('refuses a source it does not understand', () => {
    expect(() => derivePgSchema('model A { id String @id }')).toThrow(/datasource/);
    expect(() => derivePgSchema('datasource db {\n provider = "mysql"\n}\ngenerator client {\n}')).toThrow(/sqlite/);
  });

  it('on disk is up to date with prisma/schema.prisma', () => {
    const want = derivePgSchema(fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8'));
    const have = fs.readFileSync(path.join(root, 'prisma/postgres/schema.prisma'), 'utf8');
    expect(have, 'run `npx tsx scripts/setup/pg-schema.ts`').toBe(want);
  });

  it('has a migration for every SQLite migration, by the same name', () => {
    const names = (dir: string) => fs.readdirSync(path.join(root, dir), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
    expect(names('prisma/postgres/migrations')).toEqual(names('prisma/migrations'));
  });
});

describe('splitStatements', () => {
  it('splits Prisma’s generated DDL at the semicolons that end lines, dropping comments', () => {
    const sql = '-- CreateTable\nCREATE TABLE "A" (\n    "id" TEXT NOT NULL,\n    "d" TEXT NOT NULL DEFAULT \'a;b\'\n);\n\n-- CreateIndex\nCREATE INDEX "A_i" ON "A"("id");\n';
    expect(splitStatements(sql)).toEqual([
      'CREATE TABLE "A" (\n    "id" TEXT NOT NULL,\n    "d" TEXT NOT NULL DEFAULT \'a;b\'\n)',
      'CREATE INDEX "A_i" ON "A"("id")',
    ]);
  });
});

// Writes prisma/postgres/schema.prisma from prisma/schema.prisma, so the two
// never drift: same models, another provider, and a client generated into
// its own folder (a Prisma client is tied to one provider, and the tests use
// both at once). `--check` exits 1 when the file on disk is stale.
import fs from 'node:fs';
import path from 'node:path';

export const PG_SCHEMA_HEADER =
  '// Generated from prisma/schema.prisma by scripts/setup/pg-schema.ts: edit that file, run\n' +
  '// `npx tsx scripts/setup/pg-schema.ts`, then add a migration to prisma/postgres/migrations.\n';

export function derivePgSchema(sqliteSchema: string): string {
  const datasource = /datasource\s+db\s*\{[^}]*\}/;
  const generator = /generator\s+client\s*\{[^}]*\}/;
  const block = sqliteSchema.match(datasource)?.[0];
  if (!block) throw new Error('prisma/schema.prisma has no `datasource db` block');
  if (!/provider\s*=\s*"sqlite"/.test(block)) throw new Error('expected provider "sqlite" in prisma/schema.prisma');
  if (!generator.test(sqliteSchema)) throw new Error('prisma/schema.prisma has no `generator client` block');
  const body = sqliteSchema
    .replace(datasource, (b) => b.replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"'))
    .replace(generator, (b) => b.replace(/output\s*=\s*"[^"]*"/, 'output     = "./generated"'));
  // The SQLite file's own header comment speaks of SQLite: start at the first block.
  return PG_SCHEMA_HEADER + '\n' + body.slice(body.search(/^(generator|datasource|model|enum)\b/m));
}

function main() {
  const root = path.resolve(__dirname, '..', '..');
  const source = path.join(root, 'prisma', 'schema.prisma');
  const target = path.join(root, 'prisma', 'postgres', 'schema.prisma');
  const want = derivePgSchema(fs.readFileSync(source, 'utf8'));
  const have = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  if (process.argv.includes('--check')) {
    if (have !== want) {
      console.error('prisma/postgres/schema.prisma is out of date: run `npx tsx scripts/setup/pg-schema.ts`');
      process.exit(1);
    }
  } else if (have !== want) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, want);
    console.log('wrote prisma/postgres/schema.prisma');
  }
}

if (process.argv[1] && /pg-schema\.ts$/.test(process.argv[1])) main();

#!/usr/bin/env bash
# Creates or migrates the database: SQLite in ./data by default, PostgreSQL
# when DATABASE_URL says so. Safe to run again: migrations apply once.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$LAYERLAB_ROOT"
export DATABASE_URL="${DATABASE_URL:-file:./data/layerlab.db}"
mkdir -p data

node_modules/.bin/tsx scripts/setup/pg-schema.ts --check || die "prisma/postgres/schema.prisma is stale: run npx tsx scripts/setup/pg-schema.ts"
gen_stamp=prisma/generated/.schema-sha
want=$(cat prisma/schema.prisma prisma/postgres/schema.prisma | sha256sum | cut -d' ' -f1)
if [ "$(cat "$gen_stamp" 2>/dev/null)" != "$want" ] || [ ! -f prisma/postgres/generated/client.ts ]; then
  # prisma/client.ts imports both clients, so both are always generated. No
  # connection is made: the URL only selects the schema.
  step "Generating the Prisma client" env DATABASE_URL=file:./data/generate.db npx prisma generate
  step "Generating the PostgreSQL Prisma client" env DATABASE_URL=postgresql://generate@127.0.0.1:9/none npx prisma generate
  echo "$want" > "$gen_stamp"
fi
if [[ "$DATABASE_URL" == postgres* ]]; then
  # prisma migrate deploy cannot read PostgreSQL's catalog through adapter-pg
  # (prisma/orm#27403), so our own runner applies the same migration files.
  step "Applying PostgreSQL migrations" node_modules/.bin/tsx scripts/setup/pg-migrate.ts
else
  step "Applying database migrations ($DATABASE_URL)" npx prisma migrate deploy
  # WAL keeps committed writes safe when a server is killed mid-write.
  node -e "const D=require('better-sqlite3'); const f=process.argv[1].replace(/^file:/,''); const d=new D(f); d.pragma('journal_mode = WAL'); d.close()" "$DATABASE_URL"
fi

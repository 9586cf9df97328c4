#!/usr/bin/env bash
# Creates or migrates the database: SQLite in ./data by default, PostgreSQL
# when DATABASE_URL says so. Safe to run again: migrations apply once.
set -euo pipefail
source "$(dirname "$0")/common.sh"
cd "$LAYERLAB_ROOT"
export DATABASE_URL="${DATABASE_URL:-file:./data/layerlab.db}"
mkdir -p data

gen_stamp=prisma/generated/.schema-sha
want=$(cat prisma/schema.prisma | sha256sum | cut -d' ' -f1)
if [ "$(cat "$gen_stamp" 2>/dev/null)" != "$want" ]; then
  step "Generating the Prisma client" npx prisma generate
  echo "$want" > "$gen_stamp"
fi
step "Applying database migrations ($(echo "$DATABASE_URL" | sed -E 's#//[^@]*@#//…@#'))" npx prisma migrate deploy
if [[ "$DATABASE_URL" == file:* ]]; then
  # WAL keeps committed writes safe when a server is killed mid-write.
  node -e "const D=require('better-sqlite3'); const f=process.argv[1].replace(/^file:/,''); const d=new D(f); d.pragma('journal_mode = WAL'); d.close()" "$DATABASE_URL"
fi

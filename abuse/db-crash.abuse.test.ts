// kill -9 of a process writing shares and classrooms through prisma/client.ts
// (the web's database layer), several times over one SQLite file in WAL mode
// as scripts/setup/database.sh leaves it: the file stays intact and every
// write the process acknowledged is there, transactions whole.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sleep } from './support/sandbox';

// better-sqlite3 ships no types here; the few calls used, typed.
interface Sqlite {
  exec(sql: string): void;
  pragma(sql: string, o?: { simple: boolean }): unknown;
  prepare(sql: string): { all(...a: unknown[]): unknown[]; get(...a: unknown[]): unknown };
  close(): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const Database = require('better-sqlite3') as new (file: string, o?: { readonly?: boolean; fileMustExist?: boolean }) => Sqlite;

const ROOT = path.resolve(__dirname, '..');
const ROUNDS = 4;
let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'layerlab-dbcrash-'));
  file = path.join(dir, 'crash.db');
  const db = new Database(file);
  const migrations = path.join(ROOT, 'prisma/migrations');
  for (const m of readdirSync(migrations).filter((d) => !d.endsWith('.toml')).sort()) db.exec(readFileSync(path.join(migrations, m, 'migration.sql'), 'utf8'));
  // What scripts/setup/database.sh does to the real file.
  db.pragma('journal_mode = WAL');
  db.close();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the setup leaves the real database in WAL mode', () => {
  // The database scripts/setup/database.sh made for this run (npm test points it at data/test.db).
  const url = process.env.DATABASE_URL ?? 'file:./data/layerlab.db';
  if (!url.startsWith('file:')) throw new Error(`DATABASE_URL is not SQLite (${url}); this check is for the embedded default`);
  const file = url.slice('file:'.length);
  const real = path.isAbsolute(file) ? file : path.join(ROOT, file);
  const db = new Database(real, { readonly: true, fileMustExist: true });
  try { expect(db.pragma('journal_mode', { simple: true })).toBe('wal'); } finally { db.close(); }
});

async function writeUntilKilled(prefix: string, killAfterAcks: number): Promise<number[]> {
  // tsx runs the writer in a child node process: kill the whole group.
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['abuse/support/db-writer.ts', `file:${file}`, prefix], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const acks: number[] = [];
  let err = '';
  let buf = '';
  child.stderr.on('data', (d) => { err += d; });
  // 'close' waits for every holder of the pipes, the real writer included.
  const closed = new Promise<void>((r) => child.once('close', () => r()));
  child.stdout.on('data', (d) => {
    buf += d;
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) if (l.startsWith('ack ')) acks.push(Number(l.slice(4)));
  });
  for (let i = 0; i < 300 && acks.length < killAfterAcks && child.exitCode === null; i++) await sleep(50);
  expect(child.exitCode, err).toBeNull();
  process.kill(-child.pid!, 'SIGKILL');
  await closed;
  return acks;
}

it(`keeps every acknowledged write through ${ROUNDS} kill -9s mid-write`, async () => {
  const acked = new Map<string, number[]>();
  for (let round = 0; round < ROUNDS; round++) {
    const prefix = `r${round}`;
    // Different points in the write loop each round.
    const acks = await writeUntilKilled(prefix, 20 + round * 17);
    expect(acks.length).toBeGreaterThan(0);
    acked.set(prefix, acks);
  }
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    for (const [prefix, acks] of acked) {
      const shares = new Set(db.prepare('SELECT slug FROM Share WHERE clientKey = ?').all(prefix).map((r) => (r as { slug: string }).slug));
      for (const n of acks) expect(shares.has(`${prefix}-${n}`), `${prefix}-${n}`).toBe(true);
    }
    // Transactions are whole: no classroom without its member and message.
    const broken = db.prepare(`SELECT c.id FROM Classroom c
      LEFT JOIN ClassroomMember m ON m.classroomId = c.id LEFT JOIN ClassroomMessage g ON g.classroomId = c.id
      WHERE m.id IS NULL OR g.id IS NULL`).all();
    expect(broken).toEqual([]);
    const classes = db.prepare('SELECT count(*) AS n FROM Classroom').get() as { n: number };
    expect(classes.n).toBeGreaterThanOrEqual([...acked.values()].reduce((n, a) => n + a.length, 0));
  } finally { db.close(); }
});

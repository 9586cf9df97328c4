// The one limiter library (rate-limiter-flexible) and the one place it is
// configured. In memory on one host; in PostgreSQL when the database is
// PostgreSQL (DATABASE_URL postgres…), so web nodes behind one balancer and
// sandbox hosts share their counts. A store that fails falls back to memory
// (the library's insurance limiter) rather than letting everything through.
// The sandbox server, the web's route handlers and the classroom socket
// import this; lib/rate-limits/table.ts says what each limit counts.
import { Pool } from 'pg';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { retryAfterSeconds, type JoinLimitName, type LimitRefusal, type RateLimitName, type RateLimitSpec } from '../lib/rate-limits/table';

export type LimitDecision = { ok: true } | ({ ok: false } & LimitRefusal);

export interface Limiter {
  readonly spec: RateLimitSpec;
  /** Counts one request of `key`, or refuses it with the wait until its window ends. */
  take(key: string): Promise<LimitDecision>;
  /** What the window holds for `key` now, counting nothing (null: nothing yet). */
  peek(key: string): Promise<{ consumed: number; msBeforeNext: number } | null>;
  /** Counts one for `key` without refusing: for what is charged once its outcome is known. */
  charge(key: string): Promise<void>;
}

export interface LimiterStore {
  readonly kind: 'memory' | 'postgres';
  create(spec: RateLimitSpec): Limiter;
  close(): Promise<void>;
}

export const PG_TABLE = 'layerlab_rate_limits';

const isPostgres = (url: string) => /^postgres(ql)?:/.test(url);

export function limiterStore(databaseUrl: string): LimiterStore {
  return isPostgres(databaseUrl) ? postgresStore(databaseUrl) : memoryStore();
}

function memoryStore(): LimiterStore {
  return {
    kind: 'memory',
    create: (spec) => wrap(spec, new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds })),
    close: async () => undefined,
  };
}

function postgresStore(url: string): LimiterStore {
  // A small pool of its own: limits are one upsert a request.
  const pool = new Pool({ connectionString: url, max: 4 });
  pool.on('error', (err) => console.error(`rate limits: PostgreSQL connection failed: ${err.message}`));
  // The table is made once here (the library would try once per limiter).
  // Two nodes making it at once can still clash in PostgreSQL (a unique
  // violation in its catalog): the loser asks again and finds it made, or
  // it would fall back to memory and count apart from every other node.
  const create = () => pool.query(`CREATE TABLE IF NOT EXISTS "${PG_TABLE}" (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)`);
  const table = create().catch(() => new Promise((r) => setTimeout(r, 100)).then(create));
  table.catch((err: Error) => console.error(`rate limits: could not create ${PG_TABLE}: ${err.message}`));
  return {
    kind: 'postgres',
    create(spec) {
      const insurance = new RateLimiterMemory({ keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds });
      const ready = table.then(
        () => new RateLimiterPostgres({
          storeClient: pool, storeType: 'pool', tableName: PG_TABLE, tableCreated: true, clearExpiredByTimeout: true,
          keyPrefix: spec.name, points: spec.points, duration: spec.durationSeconds, insuranceLimiter: insurance,
        }),
        () => insurance,
      );
      return wrapLater(spec, ready);
    },
    close: () => pool.end(),
  };
}

function wrap(spec: RateLimitSpec, limiter: RateLimiterAbstract): Limiter {
  return wrapLater(spec, Promise.resolve(limiter));
}

function wrapLater(spec: RateLimitSpec, limiter: Promise<RateLimiterAbstract>): Limiter {
  return {
    spec,
    async take(key) {
      const rl = await limiter;
      // A fixed window from the key's first request: refused requests add
      // to the count but never move the window's end, so hammering a closed
      // door does not keep it closed longer.
      try {
        await rl.consume(key);
        return { ok: true };
      } catch (err) {
        if (err instanceof RateLimiterRes) return refusal(spec.name, err);
        throw err;
      }
    },
    async peek(key) {
      const res = await (await limiter).get(key);
      return res ? { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext } : null;
    },
    async charge(key) {
      await (await limiter).penalty(key);
    },
  };
}

function refusal(name: RateLimitName | JoinLimitName, res: RateLimiterRes): LimitDecision {
  return { ok: false, limit: name, retryAfterSeconds: retryAfterSeconds(res.msBeforeNext) };
}

export type Limiters = Record<RateLimitName, Limiter>;

export function createLimiters<N extends string = RateLimitName>(specs: Record<N, RateLimitSpec>, store: LimiterStore): Record<N, Limiter> {
  const out = {} as Record<N, Limiter>;
  for (const [name, spec] of Object.entries(specs) as [N, RateLimitSpec][]) out[name] = store.create(spec);
  return out;
}

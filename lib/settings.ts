// One declared table of every setting: name, environment variable, default,
// meaning. Parsed once at start-up; a bad value stops the process with a
// message that names the variable. Pure: the caller passes the environment.
import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bytes = z.string().transform((s, ctx) => {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)i?b?$/i.exec(s.trim());
  if (!m) { ctx.addIssue({ code: 'custom', message: `"${s}" is not a size like 256m or 1g` }); return z.NEVER; }
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2].toLowerCase() as '' | 'k' | 'm' | 'g'];
  return Math.round(Number(m[1]) * mult);
});

export const settingsTable = {
  webPort: { env: 'LAYERLAB_WEB_PORT', default: '3000', schema: int(1, 65535), doc: 'Port of the web (Next.js).' },
  sandboxPort: { env: 'LAYERLAB_SANDBOX_PORT', default: '4000', schema: int(1, 65535), doc: 'Port of the sandbox server.' },
  sandboxUrl: { env: 'LAYERLAB_SANDBOX_URL', default: '', schema: z.string(), doc: 'Public URL of the sandbox server as the browser reaches it; empty means the page\'s host on the sandbox port.' },
  publicUrl: { env: 'LAYERLAB_PUBLIC_URL', default: '', schema: z.union([z.literal(''), z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')]).transform((u) => u.replace(/\/+$/, '')), doc: 'Public URL of the web, the origin of every absolute URL it prints (share links, embed code, canonical and link-preview URLs); empty means http://localhost:<LAYERLAB_WEB_PORT>, for one machine in development. Never taken from a request\'s Host or X-Forwarded-Host.' },
  operatorToken: { env: 'LAYERLAB_OPERATOR_TOKEN', default: '', schema: z.union([z.literal(''), z.string().regex(/^[\x21-\x7e]{24,512}$/, 'must be 24 to 512 printable characters without spaces')]), doc: 'Secret that makes a request to the sandbox\'s /healthz or /metrics the operator\'s (Authorization: Bearer <token>): only the operator sees engine and kernel versions, runtime, networks and session counts. Empty: no token works.' },
  operatorLoopback: { env: 'LAYERLAB_OPERATOR_LOOPBACK', default: 'off', schema: z.enum(['on', 'off']).transform((v) => v === 'on'), doc: 'on: a request from 127.0.0.1 or ::1 to the sandbox\'s /healthz or /metrics is the operator\'s without a token (one machine, nothing in front). Leave off behind a proxy on the same host: every visitor would arrive from loopback.' },
  databaseUrl: { env: 'DATABASE_URL', default: 'file:./data/layerlab.db', schema: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql://'), doc: 'SQLite file (default) or PostgreSQL URL.' },
  dockerSocket: { env: 'DOCKER_SOCKET', default: '/var/run/docker.sock', schema: z.string().min(1), doc: 'Unix socket of the Docker Engine.' },
  runtime: { env: 'LAYERLAB_RUNTIME', default: 'runsc', schema: z.enum(['runsc', 'runc']), doc: 'Container runtime the set-up registers as default (runc only by explicit choice).' },
  sessionTtlSeconds: { env: 'LAYERLAB_SESSION_TTL', default: '7200', schema: int(60, 7 * 24 * 3600), doc: 'Session lifetime, extended by activity.' },
  sessionOrigin: { env: 'LAYERLAB_SESSION_ORIGIN', default: 'product', schema: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'must be a short lower-case word'), doc: 'Written on every session marker, so one kind of sessions can be cleared without touching the others (npm test sets test).' },
  sessionsPerHost: { env: 'LAYERLAB_SESSIONS_PER_HOST', default: '60', schema: int(1, 10000), doc: 'Live sessions one sandbox host accepts.' },
  containersPerSession: { env: 'LAYERLAB_CONTAINERS_PER_SESSION', default: '8', schema: int(1, 1000), doc: 'Containers one session may keep.' },
  imagesPerSession: { env: 'LAYERLAB_IMAGES_PER_SESSION', default: '40', schema: int(1, 10000), doc: 'Images one session may keep.' },
  terminalsPerSession: { env: 'LAYERLAB_TERMINALS_PER_SESSION', default: '8', schema: int(1, 1000), doc: 'Terminals one session may have open at once, over all of its sockets; one more is refused with a quota error.' },
  socketsPerSession: { env: 'LAYERLAB_SOCKETS_PER_SESSION', default: '8', schema: int(1, 1000), doc: 'Socket connections one session may hold at once (one per open page); one more is refused at the handshake.' },
  socketCallsPerSecond: { env: 'LAYERLAB_SOCKET_CALLS', default: '200', schema: int(1, 1_000_000), doc: 'Events one socket connection may send a second (bursts of twice that), on the sandbox and the classroom sockets; more are answered quota (rate-limited on the classroom) without running.' },
  memory: { env: 'LAYERLAB_MEMORY', default: '256m', schema: bytes, doc: 'Memory (and memory+swap) of each container and build step.' },
  cpus: { env: 'LAYERLAB_CPUS', default: '0.5', schema: z.coerce.number().min(0.05).max(64), doc: 'CPU quota of each container and build step, in cores.' },
  pids: { env: 'LAYERLAB_PIDS', default: '128', schema: int(8, 100000), doc: 'Process limit of each container.' },
  nofile: { env: 'LAYERLAB_NOFILE', default: '1024', schema: int(64, 1048576), doc: 'Open-file limit (ulimit nofile).' },
  nproc: { env: 'LAYERLAB_NPROC', default: '256', schema: int(8, 100000), doc: 'Process limit per user (ulimit nproc), also applied to build steps.' },
  shmSize: { env: 'LAYERLAB_SHM', default: '64m', schema: bytes, doc: 'Size of /dev/shm.' },
  buildsPerHost: { env: 'LAYERLAB_BUILDS_PER_HOST', default: '30', schema: int(1, 1000), doc: 'Builds one sandbox host runs at once; more wait in a first-come queue (their stream says so) and their time limit starts when they leave it.' },
  buildTimeoutSeconds: { env: 'LAYERLAB_BUILD_TIMEOUT', default: '300', schema: int(5, 3600), doc: 'Wall-clock limit of one build.' },
  execTimeoutSeconds: { env: 'LAYERLAB_EXEC_TIMEOUT', default: '30', schema: int(1, 3600), doc: 'Wall-clock limit of one exec.' },
  outputCapBytes: { env: 'LAYERLAB_OUTPUT_CAP', default: '1m', schema: bytes, doc: 'Output relayed from one build or exec.' },
  contextMaxFiles: { env: 'LAYERLAB_CONTEXT_FILES', default: '200', schema: int(1, 100000), doc: 'Files in one build context.' },
  contextMaxBytes: { env: 'LAYERLAB_CONTEXT_BYTES', default: '8m', schema: bytes, doc: 'Total bytes of one build context.' },
  sandboxNetwork: { env: 'LAYERLAB_SANDBOX_NETWORK', default: 'layerlab-sandbox', schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Docker network name').refine((n) => !['host', 'none', 'container'].includes(n), 'must be a bridge network, not host or none'), doc: 'Docker network of every learner container (made by scripts/setup/network.sh: icc off, firewalled).' },
  buildNetwork: { env: 'LAYERLAB_BUILD_NETWORK', default: 'bridge', schema: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'must be a Docker network name').refine((n) => !['host', 'none', 'container'].includes(n), 'must be a bridge network, not host or none'), doc: 'Docker network of build steps: the default bridge, with icc off (daemon.json, scripts/setup/engine.sh) and the same firewall chains. A user-defined network would start Docker\'s embedded DNS resolver for every RUN step: at 30 concurrent builds that cost about 1 s of each build\'s p95.' },
  sessionRatePerMinute: { env: 'LAYERLAB_SESSION_RATE', default: '60', schema: int(1, 100000), doc: 'Sessions (and new class starters) one client address may create per minute (a whole classroom may share one address); more get 429.' },
  sessionsPerAddress: { env: 'LAYERLAB_SESSIONS_PER_ADDRESS', default: '', schema: z.union([z.literal(''), int(1, 10000)]), doc: 'Live sessions one client address may hold on a sandbox host; empty means two thirds of LAYERLAB_SESSIONS_PER_HOST (40 of 60): a class of 30 behind one school address fits, one address cannot take the whole host.' },
  trustProxy: { env: 'LAYERLAB_TRUST_PROXY', default: '0', schema: int(0, 16), doc: 'Proxies in front of the web and sandbox server whose X-Forwarded-For entry to believe (Express\'s trust-proxy hop count); 0 counts every limit by the connection\'s own address.' },
  progressWritesPerMinute: { env: 'LAYERLAB_PROGRESS_RATE', default: '300', schema: int(1, 1000000), doc: 'Lesson progress saves one client address may make per minute (a class behind one address saves on every check).' },
  progressLearnersPerHour: { env: 'LAYERLAB_PROGRESS_LEARNERS_RATE', default: '100', schema: int(1, 1000000), doc: 'New learner ids one client address may store progress for per hour.' },
  progressRowsMax: { env: 'LAYERLAB_PROGRESS_ROWS_MAX', default: '200000', schema: int(1, 100000000), doc: 'Lesson progress records the database keeps in all (one per learner and lesson, each a few hundred bytes); past it, new records are refused and progress stays in the browser.' },
  diskCheckSeconds: { env: 'LAYERLAB_DISK_CHECK', default: '5', schema: int(1, 3600), doc: 'How often running containers\' disk use is measured against the per-session cap (a writer can go past the cap by what it writes in this time).' },
  reaperIntervalSeconds: { env: 'LAYERLAB_REAPER_INTERVAL', default: '60', schema: int(1, 86400), doc: 'How often expired sessions and the leftovers of crashed builds are removed.' },
  volumeSize: { env: 'LAYERLAB_VOLUME_SIZE', default: '64m', schema: bytes, doc: 'Size of the tmpfs each learner container gets for a VOLUME its image declares (instead of an anonymous volume, which no cap would count); its bytes count against the container\'s memory.' },
  engineDisk: { env: 'LAYERLAB_ENGINE_DISK', default: '40g', schema: z.union([z.literal('off'), bytes], { error: 'must be off or a size like 40g' }), doc: 'Size of the sparse file that scripts/setup/engine.sh makes into the engine\'s own XFS data root (at most 60% of the free space when made): the most the engine can take from the host\'s disk. off keeps the engine\'s data root where it is.' },
  diskPerSession: { env: 'LAYERLAB_DISK_PER_SESSION', default: '2g', schema: bytes, doc: 'Disk a session\'s own images and containers may use.' },
  registryUrl: { env: 'LAYERLAB_REGISTRY_URL', default: 'http://127.0.0.1:5000', schema: z.union([z.literal(''), z.string().url()]), doc: 'Registry API of the lesson registry (scripts/setup/registry.sh), which the engine reaches as localhost:5000; empty turns push and pull off.' },
  registryCredentials: { env: 'LAYERLAB_REGISTRY_CREDENTIALS', default: '/var/lib/layerlab/registry/credentials', schema: z.string(), doc: 'File with the lesson registry\'s `user:password` (written by scripts/setup/registry.sh, mode 600): the registry answers only the sandbox server, which pushes and pulls for learners with it. Empty or missing: no credentials are sent.' },
  registryStorage: { env: 'LAYERLAB_REGISTRY_STORAGE', default: '/var/lib/layerlab/registry/data', schema: z.string(), doc: 'The lesson registry\'s storage directory when it runs on this host (scripts/setup/registry.sh puts it here): a removed session\'s repositories leave the registry\'s catalog only when their directory goes. Empty when the registry runs elsewhere.' },
} as const;

type Table = typeof settingsTable;
export type Settings = { [K in keyof Table]: z.output<Table[K]['schema']> };

export class SettingsError extends Error {}

export function loadSettings(env: Record<string, string | undefined>): Settings {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(settingsTable)) {
    const raw = env[spec.env] ?? spec.default;
    const parsed = (spec.schema as z.ZodTypeAny).safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${spec.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')} (${spec.doc})`);
  }
  if (problems.length) throw new SettingsError(`Invalid settings:\n  ${problems.join('\n  ')}`);
  return out as Settings;
}

/** Live sessions one address may hold: the setting, or two thirds of the host's cap. */
export function sessionsPerAddressCap(s: Pick<Settings, 'sessionsPerAddress' | 'sessionsPerHost'>): number {
  return s.sessionsPerAddress === '' ? Math.max(1, Math.floor((s.sessionsPerHost * 2) / 3)) : s.sessionsPerAddress;
}

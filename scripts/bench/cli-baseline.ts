// The raw Docker CLI on the same engine: the baseline of every ratio. Two
// flavours: "limits" gets what the server gives the engine (the policy's
// limits, its networks, the build cgroup parent; the server adds no step or
// label to a learner's build), so the
// ratio against it is the server's own overhead; "plain" gets nothing, so
// the ratio against it is what the policy costs on top.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { loadSettings } from '../../lib/settings';
import { repositoryOf } from '../../sandbox-server/labels';

export const sh = promisify(execFile);
const settings = loadSettings(process.env);
const mb = (n: number) => `${Math.round(n / 1024 / 1024)}m`;

export const BENCH_LABEL = 'org.layerlab.bench=1';
export const BENCH_REPO = 'layerlab-bench';
const classic = { env: { ...process.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 64 * 1024 * 1024 };

const LIMITS = ['--memory', mb(settings.memory), '--memory-swap', mb(settings.memory), '--ulimit', `nofile=${settings.nofile}`, '--ulimit', `nproc=${settings.nproc}`, '--ulimit', `fsize=${settings.diskPerSession}`, '--shm-size', mb(settings.shmSize)];
const BUILD_LIMITS = [...LIMITS, '--network', settings.buildNetwork, '--cpu-period', '100000', '--cpu-quota', String(Math.round(settings.cpus * 100000)), '--cgroup-parent', '/layerlab-build/bench'];
const RUN_LIMITS = [...LIMITS, '--network', settings.sandboxNetwork, '--cpus', String(settings.cpus), '--pids-limit', String(settings.pids), '--log-opt', 'max-size=1m', '--log-opt', 'max-file=1', '--security-opt', 'no-new-privileges', '--cap-drop', 'NET_RAW', '--cap-drop', 'MKNOD', '--cap-drop', 'AUDIT_WRITE', '--cap-drop', 'SYS_CHROOT'];

export type Flavour = 'limits' | 'plain';

// `docker build -q` of a context directory; the tag is what cleanup removes.
// `cacheFrom`: the server confines each session's cache to its own images and
// the catalog (sandbox-server/builds/cache-sources.ts); "limits" gets the
// same kind of list, so the engine does the same cache lookups on both sides.
export function cliBuild(flavour: Flavour, dir: string, tag: string, noCache = true, cacheFrom: string[] = []) {
  const flags = flavour === 'limits' ? [...BUILD_LIMITS, ...cacheFrom.flatMap((ref) => ['--cache-from', ref])] : [];
  return sh('docker', ['build', '-q', ...(noCache ? ['--no-cache'] : []), ...flags, '-t', `${BENCH_REPO}:${tag}`, dir], classic);
}

// The catalog's tags, as the server passes them in every build's cache-from.
// (Names in the repository the catalog label names: sandbox-server/labels.ts.)
export async function catalogTags(): Promise<string[]> {
  const out = (await sh('docker', ['images', '--filter', 'label=org.layerlab.catalog', '--format', '{{.Repository}}:{{.Tag}}'])).stdout;
  const tags = out.split('\n').filter((t) => t && !t.includes('<none>'));
  if (!tags.length) return [];
  const labels = (await sh('docker', ['image', 'inspect', '--format', '{{index .Config.Labels "org.layerlab.catalog"}}', ...tags])).stdout.split('\n');
  return tags.filter((t, i) => repositoryOf(t) === labels[i]);
}

export async function cliRun(flavour: Flavour, image: string, cmd: string[]): Promise<string> {
  const flags = flavour === 'limits' ? RUN_LIMITS : [];
  return (await sh('docker', ['run', '-d', ...flags, '--label', BENCH_LABEL, image, ...cmd])).stdout.trim();
}

// Everything the CLI side made: containers by label, images by repository.
export async function cliCleanup(): Promise<void> {
  const ids = (await sh('docker', ['ps', '-aq', '--filter', `label=${BENCH_LABEL}`])).stdout.split('\n').filter(Boolean);
  if (ids.length) await sh('docker', ['rm', '-f', ...ids]).catch(() => undefined);
  const tags = (await sh('docker', ['images', BENCH_REPO, '--format', '{{.Repository}}:{{.Tag}}'])).stdout.split('\n').filter(Boolean);
  if (tags.length) await sh('docker', ['rmi', '-f', ...tags], { maxBuffer: 16 * 1024 * 1024 }).catch(() => undefined);
}

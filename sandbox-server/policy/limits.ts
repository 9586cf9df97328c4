// Isolation limits for every container and build step, built by the server
// from the settings table alone: nothing a learner sends reaches HostConfig.
import type { Settings } from '../../lib/settings';

type Limits = Pick<Settings, 'memory' | 'cpus' | 'pids' | 'nofile' | 'nproc' | 'shmSize' | 'sandboxNetwork' | 'buildNetwork' | 'diskPerSession'>;

const CPU_PERIOD = 100_000;
const LOG_MAX_SIZE = '1m';

// fsize: no single file may outgrow the session's disk. The kernel (and
// gVisor) stop the write or truncate with SIGXFSZ, before the bytes exist:
// this is what holds a sparse file (truncate -s 50G) that the engine would
// write out in full when it commits the step.
export function ulimits(s: Limits) {
  return [
    { Name: 'nofile', Soft: s.nofile, Hard: s.nofile },
    { Name: 'nproc', Soft: s.nproc, Hard: s.nproc },
    { Name: 'fsize', Soft: s.diskPerSession, Hard: s.diskPerSession },
  ];
}

export function containerHostConfig(s: Limits) {
  return {
    Memory: s.memory,
    MemorySwap: s.memory,
    NanoCpus: Math.round(s.cpus * 1e9),
    PidsLimit: s.pids,
    Ulimits: ulimits(s),
    ShmSize: s.shmSize,
    LogConfig: { Type: 'json-file', Config: { 'max-size': LOG_MAX_SIZE, 'max-file': '1' } },
    Privileged: false,
    SecurityOpt: ['no-new-privileges'],
    CapDrop: ['NET_RAW', 'MKNOD', 'AUDIT_WRITE', 'SYS_CHROOT'],
    Binds: [] as string[],
    Devices: [] as unknown[],
    // The firewalled bridge with icc off (scripts/setup/network.sh).
    NetworkMode: s.sandboxNetwork,
    PublishAllPorts: false,
    RestartPolicy: { Name: 'no' },
  };
}

// Query parameters of POST /build (classic builder). The build API has no
// pids limit; memory and swap contain RUN steps, and the cgroup parent lets
// the reaper find intermediate containers, which build labels do not reach.
// Steps run on the build network (see the buildNetwork setting for why it
// is not the sandbox network).
export function buildLimits(s: Limits, cgroupParent: string) {
  return {
    memory: s.memory,
    memswap: s.memory,
    cpuquota: Math.round(s.cpus * CPU_PERIOD),
    cpuperiod: CPU_PERIOD,
    shmsize: s.shmSize,
    ulimits: JSON.stringify(ulimits(s)),
    cgroupparent: cgroupParent,
    networkmode: s.buildNetwork,
  };
}

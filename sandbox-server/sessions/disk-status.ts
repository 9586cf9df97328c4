// What holds the per-session disk cap on this host, for /healthz: the
// kernel (overlay2 on XFS with project quotas: the engine refuses a
// container's storage-opt size anywhere else) or the server's measurements
// only. Asked of the engine once, with a container that is never started.
import { statfs } from 'node:fs/promises';
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';

export interface DiskStatus {
  /** quota: the kernel caps each container and build step; measured: the server's checks (README, "Disk per session"). */
  enforcement: 'quota' | 'measured';
  filesystem: string;
  /** The data root's filesystem: the most the engine can take from its host when it has one of its own. */
  sizeBytes: number | null;
  freeBytes: number | null;
  note: string;
}

let probed: Promise<boolean> | undefined;

async function quotaHolds(engine: Engine, filesystem: string): Promise<boolean> {
  if (filesystem !== 'xfs') return false;
  const [image] = await engine.listImages([]);
  if (!image) return false;
  try {
    const id = await engine.createContainer({ Image: image.Id, Cmd: ['true'], Labels: { [Labels.kind]: 'probe' }, HostConfig: { StorageOpt: { size: '64m' } } });
    await engine.removeContainer(id).catch(() => undefined);
    return true;
  } catch {
    return false;
  }
}

export async function diskStatus(engine: Engine): Promise<DiskStatus> {
  const { dataRoot, filesystem } = await engine.storage();
  probed ??= quotaHolds(engine, filesystem).catch(() => { probed = undefined; return false; });
  const quota = await probed;
  // The server shares its host with the engine (DESIGN §2); elsewhere the sizes are unknown.
  const fs = await statfs(dataRoot).catch(() => undefined);
  return {
    enforcement: quota ? 'quota' : 'measured',
    filesystem,
    sizeBytes: fs ? fs.blocks * fs.bsize : null,
    freeBytes: fs ? fs.bavail * fs.bsize : null,
    note: quota
      ? 'overlay2 project quotas cap every container and build step at the session disk.'
      : `No project quotas on the engine's ${filesystem} data root: the session disk is measured (during builds, after each step, every few seconds in containers), single files are capped by the fsize limit, volumes are tmpfs.`,
  };
}

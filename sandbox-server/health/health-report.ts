// What the sandbox knows of its own health, in one read: the engine, the
// network policy of both networks, live sessions and builds, optional parts.
// /healthz shows `ok` to anyone and the rest to the operator; /metrics gives
// the same facts in Prometheus's text format.
import type { NetworkPolicyReport } from '../policy/network-check';
import { checkNetworkPolicy } from '../policy/network-check';
import { sandboxCapabilities, type SandboxCapability } from '../registry/capabilities';
import { diskStatus, type DiskStatus } from '../sessions/disk-status';
import type { Services } from '../routes/context';

export interface HealthReport {
  ok: boolean;
  engine?: { version: string; runtime: string; kernelVersion?: string };
  error?: { code: 'engine'; message: string };
  network?: NetworkPolicyReport;
  buildNetwork?: NetworkPolicyReport;
  /** What holds the per-session disk cap, and the data root's size and free space. */
  disk?: DiskStatus | { enforcement: 'measured'; error: string };
  sessions: number;
  sessionsCapacity: number;
  builds: number;
  capabilities: SandboxCapability[];
}

export async function healthReport(s: Services): Promise<HealthReport> {
  const counts = { sessions: s.sessions.live().length, sessionsCapacity: s.settings.sessionsPerHost, builds: s.builds.building };
  let engine;
  try {
    engine = await s.engine.info();
  } catch (err) {
    return { ok: false, error: { code: 'engine', message: `The Docker Engine does not answer: ${(err as Error).message}` }, ...counts, capabilities: [] };
  }
  const [network, buildNetwork, disk, capabilities] = await Promise.all([
    checkNetworkPolicy(s.engine, s.settings.sandboxNetwork),
    checkNetworkPolicy(s.engine, s.settings.buildNetwork),
    diskStatus(s.engine).catch((err) => ({ enforcement: 'measured' as const, error: (err as Error).message })),
    sandboxCapabilities(s.settings),
  ]);
  // Without the network policy, learners' code would reach the host: not healthy.
  return { ok: network.ok && buildNetwork.ok, engine, network, buildNetwork, disk, ...counts, capabilities };
}

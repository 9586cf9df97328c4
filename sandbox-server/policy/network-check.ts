// Whether the network policy of DESIGN §5 is in force on this host: the
// sandbox network exists as a bridge with inter-container traffic off, and
// the firewall chains installed by scripts/setup/network.sh are hooked for
// its bridge (forwarded traffic and the host's own ports). Read, never set:
// the set-up owns the rules.
import { execFile } from 'node:child_process';
import type { Engine } from '../engine/engine';

export interface NetworkPolicyReport {
  ok: boolean;
  name: string;
  bridge: string | null;
  icc: boolean | null;
  egressHooked: boolean;
  hostHooked: boolean;
  problem?: string;
}

const ruleExists = (args: string[]) => new Promise<boolean>((resolve) => {
  execFile('iptables', ['-w', '2', '-C', ...args], { timeout: 5000 }, (err) => resolve(!err));
});

export async function checkNetworkPolicy(engine: Engine, name: string): Promise<NetworkPolicyReport> {
  let net;
  try { net = await engine.inspectNetwork(name); } catch {
    return { ok: false, name, bridge: null, icc: null, egressHooked: false, hostHooked: false, problem: `network ${name} does not exist: run scripts/setup/network.sh` };
  }
  const bridge = net.Options['com.docker.network.bridge.name'] ?? null;
  const icc = net.Options['com.docker.network.bridge.enable_icc'] !== 'false';
  const [egressHooked, hostHooked] = bridge
    ? await Promise.all([
      ruleExists(['DOCKER-USER', '-i', bridge, '-j', 'LAYERLAB-EGRESS']),
      ruleExists(['INPUT', '-i', bridge, '-j', 'LAYERLAB-HOST']),
    ])
    : [false, false];
  const problems = [
    net.Driver !== 'bridge' && `network ${name} is not a bridge`,
    icc && 'inter-container traffic is on',
    !egressHooked && 'the egress chain is not hooked',
    !hostHooked && 'the host chain is not hooked',
  ].filter(Boolean);
  return { ok: problems.length === 0, name, bridge, icc, egressHooked, hostHooked, ...(problems.length ? { problem: problems.join('; ') } : {}) };
}

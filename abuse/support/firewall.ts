// Reads the installed sandbox firewall and answers what it does with a
// packet, so destinations this workplace must never be sent traffic
// (link-local, private ranges, the internet) are proven by the rules alone.
import { execFileSync } from 'node:child_process';

export interface Rule { dest?: string; proto?: string; dports?: number[]; established: boolean; target: string }

export function chainRules(chain: string): Rule[] {
  const lines = execFileSync('iptables', ['-S', chain], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith(`-A ${chain} `));
  return lines.map((l) => {
    const dest = / -d (\S+)/.exec(l)?.[1];
    const proto = / -p (\S+)/.exec(l)?.[1];
    const dport = / --dport (\d+)/.exec(l)?.[1];
    const dports = / --dports (\S+)/.exec(l)?.[1];
    return {
      dest, proto,
      dports: dport ? [Number(dport)] : dports ? dports.split(',').map(Number) : undefined,
      established: /--ctstate (\S*ESTABLISHED\S*)/.test(l),
      target: / -j (\S+)/.exec(l)![1],
    };
  });
}

const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
export function inCidr(ip: string, cidr: string): boolean {
  const [net, bits = '32'] = cidr.split('/');
  const mask = Number(bits) === 0 ? 0 : (0xffffffff << (32 - Number(bits))) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(net) & mask) >>> 0);
}

// The verdict of the first matching rule for a new connection.
export function verdict(rules: Rule[], packet: { dest: string; proto: 'tcp' | 'udp'; port: number }): string {
  for (const r of rules) {
    if (r.established) continue;
    if (r.dest && !inCidr(packet.dest, r.dest)) continue;
    if (r.proto && r.proto !== packet.proto) continue;
    if (r.dports && !r.dports.includes(packet.port)) continue;
    return r.target;
  }
  return 'FALLTHROUGH';
}

export function ruleExists(...spec: string[]): boolean {
  try { execFileSync('iptables', ['-C', ...spec], { stdio: 'ignore' }); return true; } catch { return false; }
}

export function mirrorAddresses(): string[] {
  return chainRules('LAYERLAB-EGRESS').filter((r) => r.target === 'RETURN' && r.dports?.includes(80) && r.dest).map((r) => r.dest!.replace(/\/32$/, ''));
}

export function resolverAddresses(): string[] {
  return chainRules('LAYERLAB-EGRESS').filter((r) => r.target === 'RETURN' && r.dports?.includes(53) && r.dest).map((r) => r.dest!.replace(/\/32$/, ''));
}

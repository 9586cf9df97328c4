// Network probes from inside a session's container and from a RUN step.
// Only this host's own addresses, other containers on it and the Debian
// mirror are ever sent traffic; every other destination is proven refused
// by the installed rules (see support/firewall.ts).
import { execFileSync } from 'node:child_process';
import { createServer, Socket, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainRules, mirrorAddresses, resolverAddresses, ruleExists, verdict } from './support/firewall';
import { call, Client, OPERATOR_TOKEN, dockerJson, engineId, lastEvent, runScript, sleep, startSandbox, type Started } from './support/sandbox';

const SANDBOX_NET = 'layerlab-sandbox';
const BUILD_NET = 'bridge'; // build steps' network (LAYERLAB_BUILD_NETWORK)
let s: Started & { port: number };
let a: Client;
let b: Client;
let listener: Server;
let listenerPort: number;
let probe: string;        // a's long-running container
let neighbour: string;    // b's container, listening on 8080
let neighbourIp: string;
let stepNeighbour: string;   // a plain container on the build network, listening on 8080
let stepNeighbourIp: string;
let buildSubnet: string;

// This host's own addresses: loopback is not reachable from a container at all.
const hostAddresses = Object.values(networkInterfaces()).flat()
  .filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);

function connectFromHost(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = new Socket();
    sock.setTimeout(2000);
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.on('error', () => resolve(false));
    sock.once('timeout', () => { sock.destroy(); resolve(false); });
    sock.connect(port, host);
  });
}

// `OPEN host:port` or `CLOSED host:port` per target, from busybox nc.
const probeScript = (targets: string[]) => targets.map((t) => {
  const [h, p] = t.split(':');
  return `if nc -w 3 ${h} ${p} </dev/null >/dev/null 2>&1; then echo OPEN ${t}; else echo CLOSED ${t}; fi`;
}).join('; ');

const parseProbes = (out: string) => Object.fromEntries([...out.matchAll(/^(OPEN|CLOSED) (\S+)$/gm)].map((m) => [m[2], m[1]]));

let targets: string[];

function inSubnet(ip: string, cidr: string): boolean {
  const n = (a: string) => a.split('.').reduce((x, o) => (x << 8) + Number(o), 0) >>> 0;
  const [base, bits] = cidr.split('/');
  const mask = bits === '0' ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((n(ip) & mask) >>> 0) === ((n(base) & mask) >>> 0);
}

beforeAll(async () => {
  // On all interfaces, so only the firewall stands between a container and it.
  s = await startSandbox({}, '0.0.0.0');
  // A probe that resets its connection must not become an uncaught error here.
  listener = createServer((c) => { c.on('error', () => undefined); c.end('hello\n'); });
  await new Promise<void>((r) => listener.listen(0, '0.0.0.0', () => r()));
  listenerPort = (listener.address() as { port: number }).port;
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
  neighbour = engineId(await runScript(b, 'while :; do echo neighbour | nc -l -p 8080; done'));
  probe = await runScript(a, 'sleep 600');
  neighbourIp = Object.values(dockerJson('inspect', neighbour)[0].NetworkSettings.Networks as Record<string, { IPAddress: string }>)[0].IPAddress;
  // Not a session's container: whatever else shares the build steps' bridge.
  stepNeighbour = execFileSync('docker', ['run', '-d', '--network', BUILD_NET, '--label', 'org.layerlab.abuse=1', 'busybox', 'sh', '-c', 'while :; do echo neighbour | nc -l -p 8080; done'], { encoding: 'utf8' }).trim();
  stepNeighbourIp = dockerJson('inspect', stepNeighbour)[0].NetworkSettings.Networks[BUILD_NET].IPAddress;
  buildSubnet = dockerJson('network', 'inspect', BUILD_NET)[0].IPAM.Config[0].Subnet;
  targets = [
    ...hostAddresses.flatMap((h) => [`${h}:${s.port}`, `${h}:${listenerPort}`, `${h}:5000`, `${h}:22`]),
    `${neighbourIp}:8080`,
  ];
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
  listener?.close();
  if (stepNeighbour) execFileSync('docker', ['rm', '-f', stepNeighbour], { stdio: 'ignore' });
});

describe('where containers and build steps live', () => {
  it('session containers are on the sandbox network, whose bridge has icc off', () => {
    const [d] = dockerJson('inspect', probe);
    expect(d.HostConfig.NetworkMode).toBe(SANDBOX_NET);
    expect(Object.keys(d.NetworkSettings.Networks)).toEqual([SANDBOX_NET]);
    const [net] = dockerJson('network', 'inspect', SANDBOX_NET);
    expect(net.Options['com.docker.network.bridge.enable_icc']).toBe('false');
  });

  it('build steps\' network is a bridge with icc off', () => {
    const [net] = dockerJson('network', 'inspect', BUILD_NET);
    expect(net.Driver).toBe('bridge');
    expect(net.Options['com.docker.network.bridge.enable_icc']).toBe('false');
  });

  it('the health endpoint reports the network policy of both networks', async () => {
    const h = await call(s.base, 'GET', '/healthz', OPERATOR_TOKEN);
    expect(h.body.network).toMatchObject({ ok: true, name: SANDBOX_NET, icc: false, egressHooked: true, hostHooked: true });
    expect(h.body.buildNetwork).toMatchObject({ ok: true, name: BUILD_NET, bridge: 'docker0', icc: false, egressHooked: true, hostHooked: true });
  });
});

describe('from a container', () => {
  it('positive controls: each target answers the host itself, the neighbour answers inside its container', async () => {
    for (const h of hostAddresses) {
      expect(await connectFromHost(h, s.port), `${h}:${s.port}`).toBe(true);
      expect(await connectFromHost(h, listenerPort), `${h}:${listenerPort}`).toBe(true);
    }
    expect(await connectFromHost(neighbourIp, 8080)).toBe(true);
    expect(await connectFromHost(stepNeighbourIp, 8080)).toBe(true);
    await sleep(300);
    const local = await b.req('POST', `/containers/${neighbour}/exec`, { cmd: ['sh', '-c', probeScript(['127.0.0.1:8080'])] });
    expect(local.body.output).toContain('OPEN 127.0.0.1:8080');
  });

  it('refuses the sandbox API, any host port, the registry port and another session\'s container', async () => {
    const r = await a.req('POST', `/containers/${probe}/exec`, { cmd: ['sh', '-c', probeScript(targets)] });
    const seen = parseProbes(r.body.output);
    for (const t of targets) expect(seen[t], t).toBe('CLOSED');
  });

  it('reaches the Debian mirror over HTTP and DNS through the host\'s resolver', async () => {
    const [mirror] = mirrorAddresses();
    const r = await a.req('POST', `/containers/${probe}/exec`, {
      cmd: ['sh', '-c', `nslookup deb.debian.org; printf 'HEAD /debian/ HTTP/1.0\\r\\nHost: deb.debian.org\\r\\n\\r\\n' | nc -w 8 ${mirror} 80`],
    });
    expect(r.body.output).toMatch(/Address:?\s+\d+\.\d+\.\d+\.\d+/);
    expect(r.body.output).toMatch(/^HTTP\/1\.[01] \d{3}/m);
  });
});

describe('from a RUN step', () => {
  it('the step runs on the build network and is refused the same targets and its bridge neighbour, while the mirror answers', async () => {
    const [mirror] = mirrorAddresses();
    const dockerfile = [
      'FROM busybox',
      `RUN ip -4 addr show eth0 | grep inet; ${probeScript([...targets, `${stepNeighbourIp}:8080`])}; printf 'HEAD /debian/ HTTP/1.0\\r\\nHost: deb.debian.org\\r\\n\\r\\n' | nc -w 8 ${mirror} 80 | head -1`,
    ].join('\n');
    const r = await a.build({ dockerfile, noCache: true });
    expect(lastEvent(r.events).type).toBe('done');
    const out = r.events.filter((e) => e.type === 'output').map((e) => (e as { text: string }).text).join('');
    const inet = out.match(/inet (\d+\.\d+\.\d+\.\d+)/)?.[1];
    expect(inet && inSubnet(inet, buildSubnet), `${inet} in ${buildSubnet}`).toBe(true);
    const seen = parseProbes(out);
    for (const t of [...targets, `${stepNeighbourIp}:8080`]) expect(seen[t], t).toBe('CLOSED');
    expect(out).toMatch(/HTTP\/1\.[01] \d{3}/);
  });
});

describe('destinations proven by the installed rules', () => {
  const egress = () => chainRules('LAYERLAB-EGRESS');

  it('both bridges are hooked before anything else can accept', () => {
    for (const ifc of ['llbr0', 'docker0']) {
      expect(ruleExists('DOCKER-USER', '-i', ifc, '-j', 'LAYERLAB-EGRESS'), ifc).toBe(true);
      expect(ruleExists('INPUT', '-i', ifc, '-j', 'LAYERLAB-HOST'), ifc).toBe(true);
    }
    const forward = execFileSync('iptables', ['-S', 'FORWARD'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('-A FORWARD'));
    expect(forward[0]).toBe('-A FORWARD -j DOCKER-USER');
    const input = execFileSync('iptables', ['-S', 'INPUT'], { encoding: 'utf8' }).split('\n').filter((l) => l.startsWith('-A INPUT'));
    expect(input.slice(0, 2).every((l) => l.includes('-j LAYERLAB-HOST'))).toBe(true);
  });

  it('link-local, private and public destinations are rejected, whatever the port', () => {
    const rules = egress();
    const refused = ['169.254.169.254', '169.254.0.1', '10.0.0.1', '10.255.255.1', '172.16.0.1', '172.31.255.1', '192.168.1.1', '100.64.0.1', '8.8.8.8', '1.1.1.1', '203.0.113.1'];
    for (const dest of refused) for (const [proto, port] of [['tcp', 80], ['tcp', 443], ['tcp', 22], ['udp', 53], ['tcp', 6443]] as const) {
      expect(verdict(rules, { dest, proto, port }), `${dest} ${proto}/${port}`).toBe('REJECT');
    }
  });

  it('only DNS to the resolver and 80/443 to the mirror are let through', () => {
    const rules = egress();
    for (const r of resolverAddresses()) {
      expect(verdict(rules, { dest: r, proto: 'udp', port: 53 })).toBe('RETURN');
      expect(verdict(rules, { dest: r, proto: 'tcp', port: 80 })).toBe('REJECT');
    }
    for (const m of mirrorAddresses()) {
      expect(verdict(rules, { dest: m, proto: 'tcp', port: 80 })).toBe('RETURN');
      expect(verdict(rules, { dest: m, proto: 'tcp', port: 22 })).toBe('REJECT');
      expect(verdict(rules, { dest: m, proto: 'udp', port: 53 })).toBe('REJECT');
    }
    const lets = rules.filter((r) => !r.established && r.target !== 'REJECT');
    expect(lets.every((r) => r.dest && r.dports)).toBe(true);
    const host = chainRules('LAYERLAB-HOST').filter((r) => !r.established);
    expect(host.map((r) => r.target)).toEqual(['REJECT', 'REJECT']);
  });
});

import { describe, expect, it } from 'vitest';
import { loadSettings } from '../../lib/settings';
import { buildLimits, containerHostConfig } from './limits';

const s = loadSettings({ LAYERLAB_MEMORY: '128m', LAYERLAB_CPUS: '0.25', LAYERLAB_PIDS: '64' });

describe('containerHostConfig', () => {
  it('takes every limit from the settings, swap equal to memory', () => {
    const hc = containerHostConfig(s);
    expect(hc.Memory).toBe(128 * 1024 * 1024);
    expect(hc.MemorySwap).toBe(hc.Memory);
    expect(hc.NanoCpus).toBe(250_000_000);
    expect(hc.PidsLimit).toBe(64);
    expect(hc.Ulimits.map((u) => u.Name)).toEqual(['nofile', 'nproc', 'fsize']);
    expect(hc.Ulimits[2]).toEqual({ Name: 'fsize', Soft: s.diskPerSession, Hard: s.diskPerSession });
    expect(hc.LogConfig.Config['max-size']).toBe('1m');
  });
  it('grants nothing dangerous', () => {
    const hc = containerHostConfig(s) as Record<string, unknown>;
    expect(hc.Privileged).toBe(false);
    expect(hc.Binds).toEqual([]);
    expect(hc.Devices).toEqual([]);
    for (const key of ['CapAdd', 'PidMode', 'IpcMode', 'UTSMode', 'UsernsMode', 'VolumesFrom', 'Mounts']) expect(hc[key]).toBeUndefined();
    expect(hc.NetworkMode).toBe('layerlab-sandbox');
  });
});

describe('buildLimits', () => {
  it('passes memory, swap, cpu and ulimits as the build API wants them', () => {
    const b = buildLimits(s, '/layerlab-build/s-x');
    expect(b).toMatchObject({ memory: 128 * 1024 * 1024, memswap: 128 * 1024 * 1024, cpuquota: 25_000, cpuperiod: 100_000, cgroupparent: '/layerlab-build/s-x', networkmode: 'bridge' });
    expect(JSON.parse(b.ulimits)).toContainEqual({ Name: 'nproc', Soft: s.nproc, Hard: s.nproc });
  });
});

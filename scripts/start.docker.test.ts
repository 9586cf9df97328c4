// npm start's pre-flight checks: each failure names what is wrong and what
// to do, before anything slow runs.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '..');

function start(env: Record<string, string>, asUser?: string) {
  const cmd = asUser ? ['runuser', '-u', asUser, '--', 'bash', 'scripts/start.sh'] : ['bash', 'scripts/start.sh'];
  const r = spawnSync(cmd[0], cmd.slice(1), { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('npm start pre-flight', () => {
  it('refuses to run without root and says how to run it', () => {
    const r = start({}, 'nobody');
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/must run as root/);
    expect(r.out).toMatch(/sudo npm start/);
  });

  it('names the port that is already in use', async () => {
    const server = net.createServer().listen(0, '127.0.0.1');
    await new Promise((res) => server.once('listening', res));
    const port = (server.address() as net.AddressInfo).port;
    try {
      const r = start({ LAYERLAB_WEB_PORT: String(port), LAYERLAB_SANDBOX_PORT: '4999' });
      expect(r.code).not.toBe(0);
      expect(r.out).toContain(`port ${port} (the web) is already in use`);
      expect(r.out).toContain('LAYERLAB_WEB_PORT');
    } finally {
      server.close();
    }
  });

  it('refuses a bad setting by name before starting anything', () => {
    const r = start({ LAYERLAB_WEB_PORT: '4997', LAYERLAB_SANDBOX_PORT: '4998', LAYERLAB_MEMORY: 'plenty' });
    expect(r.code).not.toBe(0);
    expect(r.out).toMatch(/LAYERLAB_MEMORY="plenty": "plenty" is not a size/);
    expect(r.out).not.toContain('Layerlab is ready');
  });
});

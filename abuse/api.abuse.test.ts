// API misuse: whatever a request body or query says, the HostConfig comes
// from the policy alone; foreign ids stay foreign; bad input is 4xx, never
// 500; a client cannot flood the host with sessions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, Client, dockerJson, engineObjects, lastEvent, startSandbox, type Started } from './support/sandbox';

let s: Started;
let a: Client;
let b: Client;
let aContainer: string;

beforeAll(async () => {
  s = await startSandbox({ LAYERLAB_SESSION_RATE: '5' });
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
  const c = await a.req('POST', '/containers', { image: 'busybox', cmd: ['sleep', '300'] });
  aContainer = c.body.id;
  await a.req('POST', `/containers/${aContainer}/start`);
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
  for (const c of [a, b]) if (c) expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
});

const hostile: Record<string, unknown>[] = [
  { privileged: true }, { Privileged: true },
  { binds: ['/:/host'] }, { HostConfig: { Binds: ['/:/host'], Privileged: true } }, { volumes: { '/host': {} } }, { mounts: [{ Type: 'bind', Source: '/', Target: '/host' }] },
  { devices: ['/dev/sda'] }, { capAdd: ['SYS_ADMIN'], CapAdd: ['ALL'] }, { securityOpt: ['seccomp=unconfined', 'apparmor=unconfined'] },
  { pidMode: 'host' }, { PidMode: 'host' }, { networkMode: 'host' }, { NetworkMode: 'host' }, { ipcMode: 'host' }, { userns: 'host' },
  { runtime: 'runc' }, { Runtime: 'runc' }, { user: 'root' }, { cgroupParent: '/' }, { memory: 0 }, { sysctls: { 'net.ipv4.ip_forward': '1' } },
];

describe('host-level options in request bodies', () => {
  it('container create: every hostile field is a 400 and nothing is created', async () => {
    const before = engineObjects(a.id).containers.length;
    for (const extra of hostile) {
      const r = await a.req('POST', '/containers', { image: 'busybox', cmd: ['true'], ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(400);
      expect(r.body.error.code).toBe('bad_request');
    }
    expect(engineObjects(a.id).containers.length).toBe(before);
  });

  it('build: host-level build options are a 400 and nothing is built', async () => {
    for (const extra of [{ networkmode: 'host' }, { buildargs: { http_proxy: 'x' } }, { cgroupparent: '/' }, { memory: 0 }, { isolation: 'hyperv' }, { extrahosts: 'x:1.2.3.4' }, ...hostile.slice(0, 4)]) {
      const r = await a.build({ dockerfile: 'FROM busybox\nRUN true\n', ...extra });
      expect(r.status, JSON.stringify(extra)).toBe(400);
    }
    expect(engineObjects(a.id).images).toEqual([]);
  });

  // Commit takes `changes` as docker commit -c does (CMD, ENV, USER, …); what -c cannot say, or the server's label namespace, is 400.
  it('exec and commit: privileged exec, another user, config outside docker commit -c are 400', async () => {
    for (const extra of [{ privileged: true }, { user: 'root' }, { Privileged: true }, { env: ['LD_PRELOAD=/x'] }]) {
      expect((await a.req('POST', `/containers/${aContainer}/exec`, { cmd: ['id'], ...extra })).status, JSON.stringify(extra)).toBe(400);
    }
    for (const extra of [{ changes: ['RUN id'] }, { changes: ['LABEL org.layerlab.session=someone'] }, { changes: ['FROM busybox'] }, { config: { Privileged: true } }, { pause: false }]) {
      expect((await a.req('POST', `/containers/${aContainer}/commit`, extra)).status, JSON.stringify(extra)).toBe(400);
    }
  });

  it('options smuggled in the query string never reach HostConfig', async () => {
    const res = await fetch(`${s.base}/v1/sessions/${a.id}/containers?privileged=true&NetworkMode=host&PidMode=host&Binds=/:/host`, {
      method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ image: 'busybox', cmd: ['true'] }),
    });
    expect(res.status).toBe(201);
    const { id } = await res.json();
    const [d] = dockerJson('inspect', id);
    expect(d.HostConfig).toMatchObject({ Privileged: false, PidMode: '', IpcMode: expect.not.stringMatching(/^host$/) });
    expect(d.HostConfig.Binds ?? []).toEqual([]);
    expect(d.HostConfig.Devices ?? []).toEqual([]);
    expect(d.HostConfig.CapAdd ?? []).toEqual([]);
    expect(d.HostConfig.NetworkMode).not.toBe('host');
    expect(d.Mounts).toEqual([]);
    await a.req('DELETE', `/containers/${id}`);
  });

  it('every container a session makes carries the policy: limits, no privilege, no host namespaces', async () => {
    const [d] = dockerJson('inspect', aContainer);
    expect(d.HostConfig).toMatchObject({ Privileged: false, PidMode: '', UTSMode: '', UsernsMode: '', PublishAllPorts: false });
    expect(d.HostConfig.Memory).toBeGreaterThan(0);
    expect(d.HostConfig.NanoCpus).toBeGreaterThan(0);
    expect(d.HostConfig.PidsLimit).toBeGreaterThan(0);
    expect(d.HostConfig.SecurityOpt).toContain('no-new-privileges');
    expect(d.HostConfig.NetworkMode).toBe('layerlab-sandbox');
  });
});

describe('another session\'s ids with one\'s own token', () => {
  it('a\'s path with b\'s token is 403; b\'s path with a\'s container id is 404; a\'s container is untouched', async () => {
    for (const [method, path, body] of [['POST', `/containers/${aContainer}/kill`], ['DELETE', `/containers/${aContainer}`], ['POST', `/containers/${aContainer}/exec`, { cmd: ['true'] }]] as [string, string, unknown?][]) {
      expect((await call(s.base, method, `/v1/sessions/${a.id}${path}`, b.token, body)).status).toBe(403);
      expect((await b.req(method, path, body)).status).toBe(404);
    }
    expect(dockerJson('inspect', aContainer)[0].State.Running).toBe(true);
  });

  it('a forged or missing token opens nothing', async () => {
    expect((await call(s.base, 'GET', `/v1/sessions/${a.id}/containers`)).status).toBe(401);
    expect((await call(s.base, 'GET', `/v1/sessions/${a.id}/containers`, a.token + 'x')).status).toBe(403);
    expect((await call(s.base, 'GET', `/v1/sessions/../../containers/json`, a.token)).status).toBe(404);
  });
});

describe('malformed requests', () => {
  const raw = (path: string, body: string, type = 'application/json') => fetch(`${s.base}/v1/sessions/${a.id}${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${a.token}`, 'content-type': type }, body,
  });

  it('malformed JSON, wrong types and unknown fields are 400 with an error object', async () => {
    const cases: [string, string][] = [
      ['/containers', '{"image": "busybox",'], ['/containers', '[]'], ['/containers', 'null'], ['/containers', '"busybox"'],
      ['/containers', '{"image": 7}'], ['/containers', '{"image": "busybox", "cmd": "sh -c id"}'], ['/containers', '{"image":"busybox","__proto__":{"privileged":true}}'],
      ['/builds', '{"dockerfile": 1}'], ['/builds', '{"dockerfile":"FROM busybox","files":{"a":7}}'], ['/builds', '{"dockerfile":"FROM busybox","unknown":1}'],
      [`/containers/${aContainer}/exec`, '{"cmd": []}'], [`/containers/${aContainer}/exec`, '{"cmd": "id"}'],
    ];
    for (const [path, body] of cases) {
      const res = await raw(path, body);
      expect(res.status, `${path} ${body}`).toBe(400);
      expect((await res.json()).error.code).toBe('bad_request');
    }
  });

  it('an oversized body is refused with 4xx (413), not 500', async () => {
    const res = await raw('/containers', JSON.stringify({ image: 'busybox', cmd: ['x'.repeat(30 * 1024 * 1024)] }));
    expect([400, 413]).toContain(res.status);
    expect((await res.json()).error.message).toBeTruthy();
  });

  it('hostile strings in names and refs are 4xx', async () => {
    for (const image of ['../../etc/passwd', 'busybox\u0000', 'a'.repeat(5000), 'busybox;rm -rf /', 'http://127.0.0.1/x']) {
      const r = await a.req('POST', '/containers', { image });
      expect(r.status, image).toBeGreaterThanOrEqual(400);
      expect(r.status, image).toBeLessThan(500);
    }
    const build = await a.build({ dockerfile: 'FROM busybox\n', tag: '../../../etc:latest' });
    expect(build.status).toBe(400);
  });
});

describe('session creation flood', () => {
  it('one client gets 429 after the rate limit, and the host did not fill', async () => {
    const made: { id: string; token: string }[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${s.base}/v1/sessions`, { method: 'POST' });
      statuses.push(res.status);
      if (res.status === 201) made.push(await res.json());
      else {
        expect(res.status).toBe(429);
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
        expect((await res.json()).error.code).toBe('quota');
      }
    }
    for (const m of made) await call(s.base, 'DELETE', `/v1/sessions/${m.id}`, m.token);
    expect(statuses).toContain(429);
    expect(made.length).toBeLessThanOrEqual(5);
    // The sessions that were made before the flood still work.
    expect((await a.req('GET', '/containers')).status).toBe(200);
    const r = await b.build({ dockerfile: 'FROM busybox\nRUN true\n' });
    expect(lastEvent(r.events).type).toBe('done');
  });
});

// Isolation by construction (issue 18, sections 2-4), attacked as a hostile
// learner would, and judged by effect, never by the refusal's wording:
// - read another session's image: a random secret that session V wrote into
//   its image must not appear in anything session B can read (build output,
//   its images, their layers' history);
// - fetch a host service: a page served by a tiny HTTP server on this host
//   (on every address, the bridge gateway included) must never be asked for,
//   nor appear in anything B can read;
// - plant an image or a container someone else then treats as theirs: A's
//   listings never show what B made, A's removal never takes it, and the
//   server's label namespace cannot be written.
// Each class is tried in many spellings (escape directive, continuations
// with comment lines, lower case, JSON form, quoted flags, ARG/ENV/build
// args, id prefixes, ONBUILD triggers of a base image).
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSettings } from '../lib/settings';
import { Labels } from '../sandbox-server/labels';
import { readRegistryCredentials } from '../sandbox-server/registry/registry-client';
import { Client, docker, engineObjects, lastEvent, sleep, startSandbox, type Started } from './support/sandbox';

let s: Started;
let v: Client; // the victim, whose image holds a secret
let b: Client; // the attacker
const SECRET = `secret-${randomBytes(12).toString('hex')}`;
let victimImage = '';
const madeHere: string[] = []; // images this file made with the docker CLI

beforeAll(async () => {
  s = await startSandbox({ LAYERLAB_BUILD_TIMEOUT: '120' });
  v = await Client.create(s.base);
  b = await Client.create(s.base);
  const r = await v.build({ dockerfile: `FROM busybox\nRUN echo ${SECRET} > /secret.txt\nLABEL note=victim\n`, tag: 'secret:1' });
  expect(lastEvent(r.events)).toMatchObject({ type: 'done' });
  victimImage = (lastEvent(r.events) as { imageId: string }).imageId;
}, 180_000);

afterAll(async () => {
  // Those still there (a session's removal may have taken them already).
  for (const ref of madeHere) spawnSync('docker', ['rmi', ref], { stdio: 'ignore' });
  for (const c of [v, b]) await c?.remove();
  await s?.server.close();
  for (const c of [v, b]) if (c) expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
});

// Everything the attacker's session can read through the API, as one text.
async function readableBy(c: Client, events: unknown[]): Promise<string> {
  const list = await c.req('GET', '/images');
  const details = await Promise.all((list.body as { id: string }[]).map((i) => c.req('GET', `/images/${i.id}`)));
  const containers = await c.req('GET', '/containers');
  return JSON.stringify([events, list.body, details.map((d) => d.body), containers.body]);
}

// An image made outside the product with the docker CLI (as if by a path that
// skipped the policy, or before it existed), given a name in a session's
// namespace: the defences behind the policy must hold on their own.
// Waits until the session's listing shows it (the server learns of outside
// changes from the engine's events).
async function plantImage(owner: Client, dockerfile: string, name: string): Promise<string> {
  const engineTag = `layerlab/s-${owner.id}/${name}`;
  const id = execFileSync('docker', ['build', '-q', '-t', engineTag, '-'], { input: dockerfile, encoding: 'utf8', env: { ...process.env, DOCKER_BUILDKIT: '0' } }).trim();
  madeHere.push(engineTag);
  for (let i = 0; i < 100; i++) {
    const listed = (await owner.req('GET', '/images')).body as { id: string }[];
    if (listed.some((l) => l.id === id)) return id;
    await sleep(100);
  }
  throw new Error(`${engineTag} never showed in the listing of session ${owner.id}`);
}

describe("reading another session's image", () => {
  const prefix = () => victimImage.replace(/^sha256:/, '').slice(0, 12);
  const spellings: [string, () => { dockerfile: string; buildArgs?: Record<string, string> }][] = [
    ['FROM the full id', () => ({ dockerfile: `FROM ${victimImage}\nRUN cat /secret.txt\n` })],
    ['FROM an id prefix', () => ({ dockerfile: `FROM ${prefix()}\nRUN cat /secret.txt\n` })],
    ['from, lower case, a short prefix', () => ({ dockerfile: `from ${prefix().slice(0, 5)}\nrun cat /secret.txt\n` })],
    ['FROM the engine-side name', () => ({ dockerfile: `FROM layerlab/s-${v.id}/secret:1\nRUN cat /secret.txt\n` })],
    ["FROM the victim's learner name", () => ({ dockerfile: 'FROM secret:1\nRUN cat /secret.txt\n' })],
    ['COPY --from an id prefix', () => ({ dockerfile: `FROM busybox\nCOPY --from=${prefix()} /secret.txt /s\nRUN cat /s\n` })],
    ['COPY --from with a quoted flag value', () => ({ dockerfile: `FROM busybox\nCOPY --from="${prefix()}" /secret.txt /s\nRUN cat /s\n` })],
    ['ARG before FROM', () => ({ dockerfile: `ARG I=${prefix()}\nFROM $I\nRUN cat /secret.txt\n` })],
    ['a build arg', () => ({ dockerfile: 'ARG I\nFROM ${I}\nRUN cat /secret.txt\n', buildArgs: { I: prefix() } })],
    ['ENV in COPY --from', () => ({ dockerfile: `FROM busybox\nENV S=${prefix()}\nCOPY --from=$S /secret.txt /s\nRUN cat /s\n` })],
    ['a continuation with comment lines', () => ({ dockerfile: `FROM busybox\nCOPY \\\n# just a comment\n\n  --from=${prefix()} \\\n  /secret.txt /s\nRUN cat /s\n` })],
    ['an escape directive', () => ({ dockerfile: `# escape=\`\nFROM busybox\nCOPY --from=${prefix()} \`\n  /secret.txt /s\nRUN cat /s\n` })],
    ['an ONBUILD trigger of an own base image', () => ({ dockerfile: 'FROM trig:1\nRUN cat /s\n' })],
    // The victim pushed its image to the lesson registry (beforeAll below).
    ["the victim's registry name", () => ({ dockerfile: `FROM localhost:5000/s-${v.id}/lab/secret:1\nRUN cat /secret.txt\n` })],
    ['the learner-side registry name', () => ({ dockerfile: 'FROM localhost:5000/lab/secret:1\nRUN cat /secret.txt\n' })],
  ];

  beforeAll(async () => {
    // The attacker's own base image whose trigger copies from the victim's.
    await plantImage(b, `FROM busybox\nONBUILD COPY --from=${prefix()} /secret.txt /s\n`, 'trig:1');
    const pushed = await v.req('POST', `/images/${encodeURIComponent('secret:1')}/push`, { ref: 'localhost:5000/lab/secret:1' });
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(200);
    // The victim's local registry name goes, so only the registry holds it.
    docker('rmi', `localhost:5000/s-${v.id}/lab/secret:1`);
  }, 60_000);

  it.each([
    ['its learner-side name', 'localhost:5000/lab/secret:1'],
    ["the victim's namespace", `localhost:5000/s-${'V'}/lab/secret:1`],
    ['a namespace without the host', `s-${'V'}/lab/secret:1`],
  ])('pulling the pushed image by %s gives the attacker nothing', async (_what, ref) => {
    const r = await b.req('POST', '/pulls', { ref: ref.replace('s-V', `s-${v.id}`) });
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    expect(await readableBy(b, [r.body])).not.toContain(SECRET);
    const images = ((await b.req('GET', '/images')).body as { id: string }[]).map((i) => i.id);
    expect(images).not.toContain(victimImage);
  }, 60_000);

  it.each(spellings)('%s: the secret never reaches the attacker', async (_what, attempt) => {
    const r = await b.build({ ...attempt(), tag: 'loot:1' });
    expect(lastEvent(r.events).type).toBe('error');
    expect(await readableBy(b, r.events)).not.toContain(SECRET);
  }, 120_000);

  it('the detector works: the victim itself reads its secret the same way', async () => {
    const r = await v.build({ dockerfile: `FROM ${prefix()}\nRUN cat /secret.txt\n` });
    expect(lastEvent(r.events)).toMatchObject({ type: 'done' });
    expect(JSON.stringify(r.events)).toContain(SECRET);
  }, 120_000);
});

describe('fetching a service of the host', () => {
  let page: Server;
  let port = 0;
  let gateway = '';
  const PAGE = `page-${randomBytes(12).toString('hex')}`;
  const hits: string[] = [];

  beforeAll(async () => {
    page = createServer((req, res) => { hits.push(req.url ?? ''); res.end(PAGE); });
    // One of this helper's ports when free, else any.
    await new Promise<void>((resolve) => {
      page.once('error', () => page.listen(0, '0.0.0.0', () => resolve()));
      page.listen(6231, '0.0.0.0', () => resolve());
    });
    port = (page.address() as AddressInfo).port;
    // The bridge's gateway: the host as build steps and containers see it.
    gateway = /inet (\d+\.\d+\.\d+\.\d+)/.exec(execFileSync('ip', ['-4', '-o', 'addr', 'show', 'docker0'], { encoding: 'utf8' }))![1];
  });
  afterAll(() => new Promise<void>((r) => page.close(() => r())));

  const url = (path: string) => `http://${gateway}:${port}/${path}`;
  const spellings: [string, () => { dockerfile: string; buildArgs?: Record<string, string> }][] = [
    ['ENV then ADD $U', () => ({ dockerfile: `FROM busybox\nENV U=${url('env')}\nADD $U /x\nRUN cat /x\n` })],
    ['a quoted source', () => ({ dockerfile: `FROM busybox\nADD "${url('quoted')}" /x\nRUN cat /x\n` })],
    ['JSON form', () => ({ dockerfile: `FROM busybox\nADD ["${url('json')}", "/x"]\nRUN cat /x\n` })],
    ['lower case', () => ({ dockerfile: `from busybox\nadd ${url('lower')} /x\nrun cat /x\n` })],
    ['a flag first', () => ({ dockerfile: `FROM busybox\nADD --chown=0:0 ${url('flag')} /x\nRUN cat /x\n` })],
    ['a continuation with comment lines', () => ({ dockerfile: `FROM busybox\nADD \\\n# a comment\n\n   ${url('cont')} \\\n   /x\nRUN cat /x\n` })],
    ['an escape directive', () => ({ dockerfile: `# escape=\`\nFROM busybox\nADD \`\n  ${url('escape')} /x\nRUN cat /x\n` })],
    ['a build arg', () => ({ dockerfile: 'FROM busybox\nARG U\nADD ${U} /x\nRUN cat /x\n', buildArgs: { U: url('buildarg') } })],
    ['pieces in variables', () => ({ dockerfile: `FROM busybox\nARG S=http\nENV H=${gateway}:${port}\nADD \${S}://\${H}/pieces /x\nRUN cat /x\n` })],
    ['the loopback address', () => ({ dockerfile: `FROM busybox\nADD http://127.0.0.1:${port}/loopback /x\nRUN cat /x\n` })],
    ['an ONBUILD ADD of an own base image', () => ({ dockerfile: 'FROM fetcher:1\nRUN cat /x\n' })],
  ];

  beforeAll(async () => {
    await plantImage(b, `FROM busybox\nONBUILD ADD ${url('onbuild')} /x\n`, 'fetcher:1');
  }, 60_000);

  it('the detector works: the page answers on the gateway address', async () => {
    expect(await (await fetch(url('probe'))).text()).toBe(PAGE);
    expect(hits).toContain('/probe');
    hits.length = 0;
  });

  // What a fetch that slipped through could reach: the lesson registry's
  // catalog (every session's repository names) answers the host only.
  it("a build step cannot ask the lesson registry's catalog, on the gateway or on loopback", async () => {
    const auth = readRegistryCredentials(loadSettings({}).registryCredentials);
    const basic = auth ? { authorization: `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}` } : undefined;
    const catalog = await fetch('http://127.0.0.1:5000/v2/_catalog', { headers: basic }).then((r) => r.text(), () => '');
    expect(catalog, 'the lesson registry runs on this host (scripts/setup/registry.sh)').toContain('repositories');
    const ask = (host: string) => `printf 'GET /v2/_catalog HTTP/1.0\\r\\n\\r\\n' | nc -w 3 ${host} 5000`;
    const r = await b.build({ dockerfile: `FROM busybox\nRUN ${ask(gateway)}; ${ask('127.0.0.1')}; echo probed\n` });
    expect(lastEvent(r.events)).toMatchObject({ type: 'done' });
    const out = JSON.stringify(r.events);
    expect(out).toContain('probed');
    expect(out).not.toContain('repositories');
  }, 120_000);

  it.each(spellings)('%s: nothing is fetched, the page never appears', async (_what, attempt) => {
    const r = await b.build({ ...attempt(), tag: 'fetched:1' });
    expect(lastEvent(r.events).type).toBe('error');
    expect(hits).toEqual([]);
    expect(await readableBy(b, r.events)).not.toContain(PAGE);
  }, 120_000);
});

describe('planting what another session would take for its own', () => {
  let a: Client; // the one the attacker wants to fool
  beforeAll(async () => { a = await Client.create(s.base); });
  afterAll(async () => { await a?.remove(); });

  const fake = () => `org.layerlab.session=${a.id}`;
  const spellings: [string, () => { dockerfile: string; buildArgs?: Record<string, string> }][] = [
    ['LABEL', () => ({ dockerfile: `FROM busybox\nLABEL ${fake()}\n` })],
    ['a quoted key', () => ({ dockerfile: `FROM busybox\nLABEL "org.layerlab.session"="${a.id}"\n` })],
    ['the old LABEL form', () => ({ dockerfile: `FROM busybox\nLABEL org.layerlab.session ${a.id}\n` })],
    ['lower case, among other labels', () => ({ dockerfile: `from busybox\nlabel a=1 ${fake()} b=2\n` })],
    ['an ARG key', () => ({ dockerfile: `FROM busybox\nARG K=org.layerlab.session\nLABEL $K=${a.id}\n` })],
    ['a build arg key', () => ({ dockerfile: `FROM busybox\nARG K\nLABEL \${K}=${a.id}\n`, buildArgs: { K: 'org.layerlab.session' } })],
    ['a continuation with comment lines', () => ({ dockerfile: `FROM busybox\nLABEL a=1 \\\n# c\n\n  ${fake()}\n` })],
    ['an escape directive', () => ({ dockerfile: `# escape=\`\nFROM busybox\nLABEL a=1 \`\n  ${fake()}\n` })],
    ['ONBUILD LABEL', () => ({ dockerfile: `FROM busybox\nONBUILD LABEL ${fake()}\n` })],
    ['a forged marker in a step container', () => ({ dockerfile: `FROM busybox\nLABEL org.layerlab.kind=container ${fake()}\nRUN sleep 3\n` })],
  ];

  it.each(spellings)('%s: refused, and A sees nothing of it', async (_what, attempt) => {
    const before = (await a.req('GET', '/images')).body;
    const r = await b.build({ ...attempt(), tag: 'planted:1' });
    expect(lastEvent(r.events).type).toBe('error');
    expect((await a.req('GET', '/images')).body).toEqual(before);
    expect((await a.req('GET', '/containers')).body).toEqual([]);
  }, 120_000);

  it("an image that carries a session's label by any other path is still B's: not in that session's listing, not removed with it", async () => {
    const named = await Client.create(s.base);
    const id = await plantImage(b, `FROM busybox\nLABEL ${Labels.session}=${named.id} ${Labels.kind}=image\n`, 'planted:2');
    const ids = (c: Client) => c.req('GET', '/images').then((r) => (r.body as { id: string }[]).map((i) => i.id));
    expect(await ids(named)).not.toContain(id);
    expect(await ids(b)).toContain(id);
    expect((await named.req('DELETE', `/images/${id}`)).status).toBe(404);
    // Removing the session the label names (as the reaper does) leaves it alone.
    await named.remove();
    expect(docker('image', 'inspect', '--format', '{{.Id}}', id)).toBe(id);
    expect(await ids(b)).toContain(id);
  }, 120_000);

  it("a build step's container that inherits A's labels is never A's container", async () => {
    await plantImage(b, `FROM busybox\nLABEL ${Labels.session}=${a.id} ${Labels.kind}=container\n`, 'steps:1');
    const building = b.build({ dockerfile: 'FROM steps:1\nRUN sleep 6\n' });
    let seen: unknown[] = [];
    // While the step runs, its container carries A's labels in the engine.
    for (let i = 0; i < 40; i++) {
      const labelled = docker('ps', '-aq', '--filter', `label=${Labels.session}=${a.id}`, '--filter', `label=${Labels.kind}=container`).split('\n').filter(Boolean);
      if (labelled.length) {
        seen = labelled;
        expect((await a.req('GET', '/containers')).body).toEqual([]);
        const reply = await a.req('POST', `/containers/${labelled[0]}/exec`, { cmd: ['true'] });
        expect(reply.status).toBe(404);
        break;
      }
      await sleep(250);
    }
    const built = await building;
    expect(lastEvent(built.events), JSON.stringify(built.events)).toMatchObject({ type: 'done' });
    expect(seen.length).toBeGreaterThan(0); // the attack really happened
  }, 120_000);
});

// The build cache is per session: a learner's rebuild reuses their own steps,
// never the steps another session built (see builds/cache-sources.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cachedSteps, Client, lastEvent, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let b: Client;

beforeAll(async () => {
  s = await startServer();
  [a, b] = await Promise.all([Client.create(s.base), Client.create(s.base)]);
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
});


describe('build cache between sessions', () => {
  it("reuses a session's own steps on a rebuild and never another session's", async () => {
    // A fresh instruction, so no earlier run on this engine has it cached.
    const dockerfile = `FROM busybox:latest\nRUN echo ${randomBytes(6).toString('hex')} > /n\nWORKDIR /app\n`;
    expect(cachedSteps((await a.build({ dockerfile, tag: 'c:1' })).events)).not.toContain(true);
    expect(cachedSteps((await a.build({ dockerfile, tag: 'c:2' })).events).slice(-2)).toEqual([true, true]);

    // An image of b's own first: b's cache sources then hold more than the
    // catalog, and still nothing of a's.
    expect(lastEvent((await b.build({ dockerfile: `FROM busybox:latest\nENV OWN=${randomBytes(4).toString('hex')}\n`, tag: 'own:1' })).events).type).toBe('done');
    const other = await b.build({ dockerfile, tag: 'c:1' });
    expect(cachedSteps(other.events)).not.toContain(true);
    expect(other.events.some((e) => e.type === 'output' && e.text.includes('Using cache'))).toBe(false);
  });
});

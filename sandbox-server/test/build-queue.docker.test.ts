// The host-wide build queue against the real engine: with one build slot,
// a second session's build says it is queued, runs only after the first is
// done, and its time limit counts from its start, not from its wait.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildEvent } from '../../lib/protocol';
import { jsonLines } from '../builds/ndjson';
import { Client, engineObjects, startServer, type Started } from './harness';

let s: Started;
let a: Client;
let b: Client;

beforeAll(async () => {
  s = await startServer({ LAYERLAB_BUILDS_PER_HOST: '1', LAYERLAB_BUILD_TIMEOUT: '9' });
  a = await Client.create(s.base);
  b = await Client.create(s.base);
});
afterAll(async () => {
  await a?.remove();
  await b?.remove();
  await s?.server.close();
  for (const c of [a, b]) if (c) expect(engineObjects(c.id)).toEqual({ containers: [], images: [] });
});

interface Timed { at: number; event: BuildEvent }

// Reads a build stream as it arrives, each event with its arrival time.
async function streamBuild(c: Client, body: Record<string, unknown>, onFirst?: () => void): Promise<Timed[]> {
  const res = await fetch(`${c.base}/v1/sessions/${c.id}/builds`, {
    method: 'POST', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  const out: Timed[] = [];
  for await (const event of jsonLines(res.body as unknown as AsyncIterable<Uint8Array>)) {
    out.push({ at: Date.now(), event: event as BuildEvent });
    if (out.length === 1) onFirst?.();
  }
  return out;
}

describe('build queue (one build per host)', () => {
  it('queues the second build until the first is done, and times it from its start', async () => {
    let startSecond!: () => void;
    const firstRunning = new Promise<void>((resolve) => { startSecond = resolve; });
    const first = streamBuild(a, { dockerfile: 'FROM busybox\nRUN sleep 5\n', noCache: true }, startSecond);
    await firstRunning;
    const t0 = Date.now();
    const second = await streamBuild(b, { dockerfile: 'FROM busybox\nRUN sleep 3 && echo second\n', noCache: true });
    const firstEvents = await first;

    const firstDone = firstEvents.find((e) => e.event.type === 'done');
    expect(firstDone, JSON.stringify(firstEvents.map((e) => e.event))).toBeDefined();
    expect(firstEvents.some((e) => e.event.type === 'output' && e.event.status === 'queued')).toBe(false);

    // The second says it waits before anything else, then when it starts.
    expect(second[0].event).toMatchObject({ type: 'output', index: 0, status: 'queued' });
    expect((second[0].event as { text: string }).text).toMatch(/1 build slots? of this sandbox host/);
    const started = second.find((e) => e.event.type === 'output' && e.event.status === 'started');
    expect(started).toBeDefined();
    const firstStep = second.find((e) => e.event.type === 'step')!;
    expect(firstStep.at).toBeGreaterThanOrEqual(firstDone!.at);
    expect(started!.at).toBeGreaterThanOrEqual(firstDone!.at);

    // Its wall time went past the 9 s limit only because of the wait.
    const last = second[second.length - 1];
    expect(last.event, JSON.stringify(last.event)).toMatchObject({ type: 'done' });
    expect(last.at - t0).toBeGreaterThan(9_000);
  }, 60_000);

  it('a build cancelled while it waits leaves the queue', async () => {
    const first = streamBuild(a, { dockerfile: 'FROM busybox\nRUN sleep 3\n', noCache: true });
    await new Promise((r) => setTimeout(r, 500));
    const gone = new AbortController();
    const res = await fetch(`${b.base}/v1/sessions/${b.id}/builds`, {
      method: 'POST', signal: gone.signal,
      headers: { authorization: `Bearer ${b.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ dockerfile: 'FROM busybox\nRUN echo never\n', noCache: true }),
    });
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('"queued"');
    gone.abort();
    expect(lastOf(await first)).toMatchObject({ type: 'done' });
    // The session may build again at once: its queued build is gone.
    await new Promise((r) => setTimeout(r, 200));
    const again = await streamBuild(b, { dockerfile: 'FROM busybox\nRUN echo again\n' });
    expect(lastOf(again)).toMatchObject({ type: 'done' });
    expect(again.some((e) => e.event.type === 'output' && e.event.status === 'queued')).toBe(false);
  }, 60_000);
});

const lastOf = (events: Timed[]) => events[events.length - 1].event;

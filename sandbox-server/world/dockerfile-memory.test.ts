import { describe, expect, it } from 'vitest';
import type { Engine } from '../engine/engine';
import { Labels } from '../labels';
import { DockerfileMemory } from './dockerfile-memory';

function fakeEngine() {
  const created: Record<string, string>[] = [];
  const engine = { createContainer: async (spec: { Labels: Record<string, string> }) => { created.push(spec.Labels); return `c${created.length}`; } } as unknown as Engine;
  return { engine, created };
}
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const S = 'aaaaaaaaaaaa';

describe('Dockerfile records', () => {
  it('are known at once, and written to the engine only once no build runs', async () => {
    const { engine, created } = fakeEngine();
    let building = 2;
    const memory = new DockerfileMemory(engine, 100, { busy: () => building > 0, maxDelayMs: 60_000 });
    memory.remember(S, 'sha256:one', 'FROM busybox\n');
    expect(await memory.recall(S, 'sha256:one')).toBe('FROM busybox\n');
    await wait(300);
    expect(created).toEqual([]);
    expect(memory.waiting).toBe(1);
    building = 0;
    await wait(250);
    expect(created).toEqual([expect.objectContaining({ [Labels.session]: S, [Labels.kind]: 'record', [Labels.image]: 'sha256:one' })]);
    expect(Buffer.from(created[0][Labels.dockerfile], 'base64').toString()).toBe('FROM busybox\n');
  });

  it('wait no longer than the longest delay while builds keep running', async () => {
    const { engine, created } = fakeEngine();
    const memory = new DockerfileMemory(engine, 100, { busy: () => true, maxDelayMs: 150 });
    memory.remember(S, 'sha256:two', 'FROM busybox\nRUN true\n');
    await wait(450);
    expect(created).toHaveLength(1);
  });

  it("are not written for a session that is being removed, and all are written on a graceful stop", async () => {
    const { engine, created } = fakeEngine();
    const memory = new DockerfileMemory(engine, 100, { busy: () => true, maxDelayMs: 60_000 });
    memory.remember(S, 'sha256:gone', 'FROM busybox\n');
    memory.remember('bbbbbbbbbbbb', 'sha256:kept', 'FROM busybox\nENV A=1\n');
    await memory.settle(S);
    await memory.flush();
    expect(created.map((l) => l[Labels.image])).toEqual(['sha256:kept']);
  });
});

// The wrapper with a stand-in socket: what a handler sees, what the client
// is answered, what is logged, and that nothing is thrown back at socket.io.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { clientEvent, describeRefusal } from './check';
import { serveEvents, type Handlers } from './serve';

const table = {
  'a:sync': clientEvent(z.object({ n: z.number() }).strict(), 100, z.object({ doubled: z.number() })),
  'a:throws': clientEvent(z.object({}).strict(), 100),
  'a:rejects': clientEvent(z.object({}).strict(), 100),
  'a:silent': clientEvent(z.object({}).strict(), 100),
};

function harness(handlers: Handlers<typeof table>) {
  let listener: ((event: string, ...args: unknown[]) => void) | undefined;
  const logs: string[] = [];
  serveEvents({ onAny: (l) => { listener = l; } }, table, handlers, {
    who: () => 'session s1',
    log: (l) => logs.push(l),
    refused: (r) => ({ refused: r.fault, message: describeRefusal(r) }),
    failed: (err) => ({ reply: { failed: String((err as Error).message) }, expected: (err as Error).message === 'expected' }),
    accepted: { ok: true },
  });
  // Resolves with every answer the call gave (one at most, or none).
  const send = async (event: string, ...args: unknown[]) => {
    const answers: unknown[] = [];
    listener!(event, ...args, (r: unknown) => answers.push(r));
    await new Promise((r) => setTimeout(r, 5));
    return answers;
  };
  return { send, logs, raw: (event: string, ...args: unknown[]) => listener!(event, ...args) };
}

const handlers: Handlers<typeof table> = {
  'a:sync': ({ n }, reply) => { reply({ doubled: n * 2 }); reply({ doubled: 0 }); },
  'a:throws': () => { throw new Error('boom'); },
  'a:rejects': async () => { throw new Error('expected'); },
  'a:silent': () => undefined,
};

describe('serveEvents', () => {
  it('refuses calls over the connection\'s budget without checking or running them', async () => {
    let listener: ((event: string, ...args: unknown[]) => void) | undefined;
    let ran = 0;
    serveEvents({ onAny: (l) => { listener = l; } }, table, { ...handlers, 'a:silent': () => { ran++; } }, {
      who: () => 's', log: () => undefined, refused: (r) => ({ refused: r.fault }), failed: () => ({ reply: 'failed', expected: false }),
      accepted: { ok: true }, budget: { perSecond: 1, burst: 3 },
    });
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++) listener!('a:silent', {}, (r: unknown) => answers.push(r));
    listener!('a:silent', {});
    await new Promise((r) => setTimeout(r, 5));
    expect(ran).toBe(3);
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }, { refused: 'rate_limited' }, { refused: 'rate_limited' }]);
  });

  it('runs a checked call and answers once', async () => {
    const h = harness(handlers);
    expect(await h.send('a:sync', { n: 21 })).toEqual([{ doubled: 42 }]);
    expect(await h.send('a:silent', {})).toEqual([{ ok: true }]);
  });

  it('answers refusals without running the handler', async () => {
    let ran = 0;
    const h = harness({ ...handlers, 'a:sync': () => { ran++; } });
    expect(await h.send('a:sync', { n: 'x' })).toMatchObject([{ refused: 'invalid_body' }]);
    expect(await h.send('a:sync', { n: 1 }, 'extra')).toMatchObject([{ refused: 'bad_arguments' }]);
    expect(await h.send('nobody', { n: 1 })).toMatchObject([{ refused: 'unknown_event' }]);
    expect(ran).toBe(0);
  });

  it('logs a sync throw with the sender and event, answers it, and does not throw', async () => {
    const h = harness(handlers);
    expect(await h.send('a:throws', {})).toEqual([{ failed: 'boom' }]);
    expect(h.logs).toHaveLength(1);
    expect(h.logs[0]).toMatch(/^session s1: a:throws failed: Error: boom/);
  });

  it('answers a rejection; an expected refusal is not logged', async () => {
    const h = harness(handlers);
    expect(await h.send('a:rejects', {})).toEqual([{ failed: 'expected' }]);
    expect(h.logs).toEqual([]);
  });

  it('takes calls without an acknowledgement, and hostile ones, without throwing', async () => {
    const h = harness(handlers);
    expect(() => h.raw('a:throws', {})).not.toThrow();
    expect(() => h.raw('a:sync', { n: 1 }, { call: () => 1 })).not.toThrow();
    expect(() => h.raw('__proto__')).not.toThrow();
    await new Promise((r) => setTimeout(r, 5));
    expect(h.logs).toHaveLength(1);
  });
});

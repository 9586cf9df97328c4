import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkCall, clientEvent, describeRefusal } from './check';
import { sizeWithin } from './size';

const table = {
  'thing:do': clientEvent(z.object({ name: z.string().max(10) }).strict(), 200),
  'thing:ping': clientEvent(z.object({}).strict().optional(), 50),
};
const ack = () => undefined;

describe('checkCall', () => {
  it('passes a well-formed body, with or without an acknowledgement', () => {
    expect(checkCall(table, 'thing:do', [{ name: 'a' }, ack])).toEqual({ ok: true, body: { name: 'a' }, ack });
    expect(checkCall(table, 'thing:do', [{ name: 'a' }])).toEqual({ ok: true, body: { name: 'a' }, ack: undefined });
    expect(checkCall(table, 'thing:ping', [])).toMatchObject({ ok: true, body: undefined });
  });

  it('refuses events the table does not name, including Object.prototype\'s keys', () => {
    for (const event of ['nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      const r = checkCall(table, event, [{}, ack]);
      expect(r, event).toMatchObject({ ok: false, refusal: { fault: 'unknown_event' }, ack });
    }
  });

  it('refuses extra arguments and a trailing value that is not a function', () => {
    expect(checkCall(table, 'thing:do', [{ name: 'a' }, { call: 1 }])).toMatchObject({ ok: false, refusal: { fault: 'bad_arguments', count: 2 }, ack: undefined });
    expect(checkCall(table, 'thing:do', [{ name: 'a' }, 'x', ack])).toMatchObject({ ok: false, refusal: { fault: 'bad_arguments', count: 2 }, ack });
  });

  it('refuses a body over its event\'s cap before parsing it', () => {
    const r = checkCall(table, 'thing:do', [{ name: 'x'.repeat(500) }, ack]);
    expect(r).toMatchObject({ ok: false, refusal: { fault: 'too_large', maxBytes: 200 } });
  });

  it('refuses wrong shapes with the schema\'s reasons', () => {
    for (const body of [null, 1, 'x', [], { name: 5 }, { name: 'a', extra: 1 }, JSON.parse('{"name":"a","__proto__":{"x":1}}')]) {
      const r = checkCall(table, 'thing:do', [body, ack]);
      expect(r.ok, JSON.stringify(body)).toBe(false);
      if (!r.ok) expect(r.refusal.fault).toBe('invalid_body');
    }
    const r = checkCall(table, 'thing:do', [{ name: 5 }]);
    if (r.ok) throw new Error('passed');
    expect(describeRefusal(r.refusal)).toMatch(/^The body of "thing:do" is not valid: name: /);
  });

  it('echoes only the start of a long event name', () => {
    const r = checkCall(table, 'e'.repeat(10_000), []);
    if (r.ok) throw new Error('passed');
    expect(describeRefusal(r.refusal).length).toBeLessThan(120);
  });
});

describe('sizeWithin', () => {
  it('counts strings, keys and values, and stops early', () => {
    expect(sizeWithin('x'.repeat(98), 100)).toBe(true);
    expect(sizeWithin('x'.repeat(99), 100)).toBe(false);
    expect(sizeWithin({ abc: 'x' }, 20)).toBe(true);
    expect(sizeWithin(new Uint8Array(1000), 999)).toBe(false);
  });

  it('walks a body nested far deeper than the call stack without recursion', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(sizeWithin(deep, 1_000_000)).toBe(true);
    expect(sizeWithin(deep, 1000)).toBe(false);
  });
});

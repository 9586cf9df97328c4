// What a hostile page sends over socket.io: for an event whose well-formed
// body is known, bodies that are wrong in every way a schema can be wrong
// (types, missing and extra fields, huge strings, nested junk, keys that
// reach for Object.prototype), and junk that is no body at all.
const MB = 1024 * 1024;

// Own "__proto__" and "constructor" keys survive only through JSON.parse,
// as they do when the server parses a packet.
const pollution = (): unknown[] => [
  JSON.parse('{"__proto__":{"polluted":"yes","isAdmin":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":"yes"}}}'),
  JSON.parse('{"__proto__":{"toString":"x","valueOf":1}}'),
];

function deep(levels: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < levels; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** Bodies that are no body of any event. */
export function junkBodies(): unknown[] {
  // socket.io's client encoder recurses: deeper nesting goes as a raw packet (rawPackets).
  return [null, 0, -1, 1e308, true, false, '', 'x', 'x'.repeat(MB), [], [1, 2, 3], deep(1000), ...pollution(),
    { call: 'not a function' }, { apply: 1, bind: 2, call: 3 }, { then: 'not a thenable' }];
}

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Bodies that start from a well-formed one and break it: each field given a
 * value of another kind, each required field missing, an extra field,
 * pollution keys beside the real ones. `hugeStrings` also sends each string
 * field 100 000 characters and 2 MiB long (for events whose cap is below that).
 */
export function brokenBodies(valid: Record<string, unknown>, required: string[], hugeStrings = true): unknown[] {
  const out: unknown[] = [];
  for (const key of Object.keys(valid)) {
    for (const wrong of [null, 12345, true, ['x', 1], { nested: { junk: [1, { a: null }] } }, 'm'.repeat(100_000), 'y'.repeat(2 * MB), deep(200)]) {
      if (kind(wrong) === kind(valid[key]) && !(hugeStrings && typeof wrong === 'string')) continue;
      out.push({ ...valid, [key]: wrong });
    }
  }
  for (const key of required) { const { [key]: _gone, ...rest } = valid; void _gone; out.push(rest); }
  out.push({ ...valid, extra: 'field' });
  const fields = JSON.stringify(valid).slice(1, -1);
  for (const p of ['{"__proto__":{"polluted":"yes"}', '{"constructor":{"prototype":{"polluted":"yes"}}']) {
    out.push(JSON.parse(`${p}${fields ? `,${fields}` : ''}}`));
  }
  return out;
}

/** Event names no server serves, spelled as an attacker might. */
export const unknownEvents = [
  'nope', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', '__defineGetter__',
  'terminal:open ', 'TERMINAL:OPEN', 'build:start\u0000', 'world', 'build', 'terminal:data', 'error:server',
  'roster:snapshot', 'class:state', 'e'.repeat(100_000), '',
];

/**
 * Raw engine.io messages: packets nested far deeper than any recursive walk
 * could follow, and ones that are no valid socket.io packet (the parser
 * refuses those and closes that connection).
 */
export const rawPackets = (events: string[]): string[] => [
  ...events.map((e) => `42${JSON.stringify([e]).slice(0, -1)},${'['.repeat(200_000)}${']'.repeat(200_000)}]`),
  ...events.map((e) => `42${JSON.stringify([e]).slice(0, -1)},${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}]`),
  '42["disconnect"]', '42["connect"]', '42["newListener","x"]', '42[]', '42{}', '42"x"', '42["x"', '4', '4x',
  '451-["build:start",{"_placeholder":true,"num":99}]', '499999999-["x"]', '42/nope,["x"]', '43["x"]',
];

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { jsonLines } from './ndjson';

const collect = async (stream: AsyncIterable<Uint8Array | string>) => {
  const out: unknown[] = [];
  for await (const v of jsonLines(stream)) out.push(v);
  return out;
};

describe('jsonLines', () => {
  it('keeps a character whose bytes arrive in two chunks whole', async () => {
    const bytes = new TextEncoder().encode('{"stream":"构建层"}\n{"stream":"ok"}');
    const cut = 13; // inside the three bytes of 构
    const out = await collect(Readable.from([Buffer.from(bytes.slice(0, cut)), Buffer.from(bytes.slice(cut))]));
    expect(out).toEqual([{ stream: '构建层' }, { stream: 'ok' }]);
  });

  it('reads a fetch body too, and passes a line that is not JSON on as text', async () => {
    const body = new Response('not json\n{"type":"done"}\n').body!;
    expect(await collect(body as unknown as AsyncIterable<Uint8Array>)).toEqual([{ stream: 'not json\n' }, { type: 'done' }]);
  });
});

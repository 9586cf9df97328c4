// Splits a byte stream of JSON lines into parsed objects; a line that is not
// JSON is passed on as {stream: line} so no engine output is lost.
import type { Readable } from 'node:stream';

export async function* jsonLines(stream: Readable): AsyncGenerator<unknown> {
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield parse(line);
    }
  }
  if (buffer.trim()) yield parse(buffer.trim());
}

function parse(line: string): unknown {
  try { return JSON.parse(line); } catch { return { stream: line + '\n' }; }
}

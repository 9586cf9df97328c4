// Splits a byte stream of JSON lines into parsed objects; a line that is not
// JSON is passed on as {stream: line} so no engine output is lost. Takes a
// Node stream or a fetch body alike. One decoder for the whole stream, so a
// character whose bytes arrive in two chunks is not broken in half.
export async function* jsonLines(stream: AsyncIterable<Uint8Array | string>): AsyncGenerator<unknown> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of stream) {
    buffer += typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (line) yield parse(line);
    }
  }
  buffer += decoder.decode();
  if (buffer.trim()) yield parse(buffer.trim());
}

function parse(line: string): unknown {
  try { return JSON.parse(line); } catch { return { stream: line + '\n' }; }
}

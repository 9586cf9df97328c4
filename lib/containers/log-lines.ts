// What the page keeps of a container's log: lines tagged with their stream,
// a line still being written kept open, the oldest dropped past a bound so a
// chatty container cannot grow the page without end. Pure.
export interface LogLine { stream: 'stdout' | 'stderr'; text: string; open: boolean }

export function appendLog(lines: readonly LogLine[], chunk: { stream: LogLine['stream']; text: string }, maxChars: number): LogLine[] {
  const out = [...lines];
  const pieces = chunk.text.split('\n');
  pieces.forEach((piece, i) => {
    const closes = i < pieces.length - 1;
    if (i === pieces.length - 1 && piece === '') return;
    const last = out[out.length - 1];
    if (i === 0 && last?.open && last.stream === chunk.stream) out[out.length - 1] = { ...last, text: last.text + piece, open: !closes };
    else out.push({ stream: chunk.stream, text: piece, open: !closes });
  });
  let total = out.reduce((n, l) => n + l.text.length + 1, 0);
  while (total > maxChars && out.length > 1) total -= out.shift()!.text.length + 1;
  return out;
}

// Terminal input cut into messages the socket takes (TERMINAL_INPUT_MAX),
// never between the two halves of a surrogate pair (an emoji would arrive
// as two replacement characters).
export function inputChunks(data: string, max: number): string[] {
  if (data.length <= max) return [data];
  const parts: string[] = [];
  let at = 0;
  while (at < data.length) {
    let end = Math.min(at + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff && end - 1 > at) end--;
    parts.push(data.slice(at, end));
    at = end;
  }
  return parts;
}

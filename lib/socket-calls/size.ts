// How big a received body is, measured without serialising it again and
// without recursion: a hostile body may be nested thousands deep. Strings
// count their UTF-16 length, every other value a few characters (what its
// JSON spelling costs at least), so the walk stops as soon as the budget is
// spent.
export function sizeWithin(value: unknown, maxBytes: number): boolean {
  let used = 0;
  const pending: unknown[] = [value];
  while (pending.length) {
    const v = pending.pop();
    if (typeof v === 'string') used += v.length + 2;
    else if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) used += v.byteLength;
    else if (Array.isArray(v)) { used += 2; for (const item of v) pending.push(item); }
    else if (v !== null && typeof v === 'object') {
      used += 2;
      for (const key of Object.keys(v)) { used += key.length + 3; pending.push((v as Record<string, unknown>)[key]); }
    } else used += 4;
    if (used > maxBytes) return false;
  }
  return true;
}

// Reads a world update from the socket. A container whose diff does not
// parse (the engine answers `null` for "no changes", which can reach us as
// something other than a list) is still a real container: keep it and treat
// its diff as unknown rather than dropping the whole update.
import { WorldUpdate } from '@/lib/protocol';

export function parseWorldUpdate(raw: unknown): WorldUpdate | null {
  const first = WorldUpdate.safeParse(raw);
  if (first.success) return first.data;
  const salvage = (c: unknown) => {
    if (!c || typeof c !== 'object') return c;
    const { diff, ...rest } = c as Record<string, unknown>;
    return Array.isArray(diff) ? c : rest;
  };
  if (raw && typeof raw === 'object') {
    const r = raw as Record<string, unknown>;
    let fixed: unknown = raw;
    if (r.type === 'container') fixed = { ...r, container: salvage(r.container) };
    if (r.type === 'snapshot' && r.snapshot && typeof r.snapshot === 'object') {
      const snap = r.snapshot as Record<string, unknown>;
      fixed = { ...r, snapshot: { ...snap, containers: Array.isArray(snap.containers) ? snap.containers.map(salvage) : snap.containers } };
    }
    if (r.type === 'diff' && !Array.isArray(r.diff)) fixed = { ...r, diff: [] };
    const second = WorldUpdate.safeParse(fixed);
    if (second.success) return second.data;
  }
  return null;
}

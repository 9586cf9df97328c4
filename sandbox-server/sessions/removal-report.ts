// What removing a session answers: how much went, and what could not be
// removed (each with the engine's or registry's own words), so the caller
// sees a partial removal instead of a bare error. Pure.
export type LeftoverKind = 'container' | 'build-container' | 'image' | 'registry' | 'marker' | 'listing';
export interface Leftover { kind: LeftoverKind; ref: string; message: string }
export interface RemovalReport { containers: number; images: number; leftovers: Leftover[] }

/** Deleting what is already gone is success. */
export function isGone(err: unknown): boolean {
  return (err as { statusCode?: number } | undefined)?.statusCode === 404;
}

/** The engine's message (dockerode puts it in `json.message`), without the HTTP preamble. */
export function engineMessage(err: unknown): string {
  const e = err as { json?: { message?: unknown }; message?: unknown; statusCode?: number } | undefined;
  const text = typeof e?.json?.message === 'string' ? e.json.message : typeof e?.message === 'string' ? e.message : String(err);
  return text.replace(/^\(HTTP code \d+\) [a-z ]+ - /, '').trim() || `failed${e?.statusCode ? ` (HTTP ${e.statusCode})` : ''}`;
}

/** 200 when everything went, 207 (Multi-Status) when some of it is left for the reaper. */
export function removalStatus(report: RemovalReport): 200 | 207 {
  return report.leftovers.length ? 207 : 200;
}

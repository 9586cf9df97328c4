// The per-client rate limit as a sliding window over the client's own
// recent shares (their creation times come from the database, so the limit
// survives restarts and holds across web processes sharing one database).
export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export function decideRate(recent: readonly Date[], now: Date, limit: number, windowSeconds: number): RateDecision {
  const windowStart = now.getTime() - windowSeconds * 1000;
  const inWindow = recent.map((d) => d.getTime()).filter((t) => t > windowStart).sort((a, b) => a - b);
  if (inWindow.length < limit) return { allowed: true };
  // A slot frees when the oldest share that keeps the count at the limit leaves the window.
  const freesAt = inWindow[inWindow.length - limit] + windowSeconds * 1000;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)) };
}

// The address the rate limit counts by. Next.js only fills X-Forwarded-For
// when the request has none, so behind a proxy the last entry is the one
// the nearest proxy saw; without a proxy a client can name any address, so
// production must sit behind a proxy that sets the header (see README).
export function clientAddress(headers: { get(name: string): string | null }): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return last || headers.get('x-real-ip')?.trim() || 'unknown';
}

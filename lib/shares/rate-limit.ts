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

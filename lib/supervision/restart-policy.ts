// When a supervised server that exited is started again: at once is too
// soon (a server that cannot start would spin the CPU), so each quick exit
// doubles the wait, up to a ceiling; a run that stayed up long enough counts
// as healthy and starts the doubling over. Pure: the supervisor's clock and
// processes live in scripts/supervise.ts.
export interface RestartPolicy {
  firstDelayMs: number; // the wait after an exit that follows a stable run
  maxDelayMs: number;
  stableMs: number; // a run at least this long resets the doubling
}

export const defaultRestartPolicy: RestartPolicy = { firstDelayMs: 1_000, maxDelayMs: 30_000, stableMs: 60_000 };

/** Quick exits in a row so far; 0 when the last run was stable (or there was none). */
export interface RestartState { quickExits: number }

export const initialRestartState: RestartState = { quickExits: 0 };

export interface RestartDecision { delayMs: number; state: RestartState }

export function nextRestart(policy: RestartPolicy, state: RestartState, ranForMs: number): RestartDecision {
  const before = ranForMs >= policy.stableMs ? 0 : state.quickExits;
  // 2 ** before overflows to Infinity long after the ceiling; min() keeps it finite.
  const delayMs = Math.min(policy.maxDelayMs, policy.firstDelayMs * 2 ** before);
  return { delayMs, state: { quickExits: before + 1 } };
}

/** How a process ended, in a log line's words: "exit code 1", "signal SIGKILL". */
export function exitCause(code: number | null, signal: string | null): string {
  if (signal) return `signal ${signal}`;
  return code === null ? 'an unknown cause' : `exit code ${code}`;
}

import { describe, expect, it } from 'vitest';
import { defaultRestartPolicy as policy, exitCause, initialRestartState, nextRestart, type RestartState } from './restart-policy';

// Feeds a run of exits (each run's length in ms) and collects the waits.
function waits(runs: number[]): number[] {
  let state: RestartState = initialRestartState;
  return runs.map((ran) => {
    const d = nextRestart(policy, state, ran);
    state = d.state;
    return d.delayMs;
  });
}

describe('restart policy', () => {
  it('doubles from 1 s up to 30 s while the server keeps exiting quickly', () => {
    expect(waits([100, 100, 100, 100, 100, 100, 100, 100])).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
  });

  it('starts over at 1 s after a run of a stable minute', () => {
    expect(waits([100, 100, 100, 60_000, 100, 100])).toEqual([1_000, 2_000, 4_000, 1_000, 2_000, 4_000]);
    expect(waits([59_999, 59_999])).toEqual([1_000, 2_000]);
  });

  it('stays finite after any number of quick exits', () => {
    let state: RestartState = { quickExits: 5_000 };
    const d = nextRestart(policy, state, 0);
    state = d.state;
    expect(d.delayMs).toBe(30_000);
    expect(state.quickExits).toBe(5_001);
  });

  it('names the cause of an exit', () => {
    expect(exitCause(1, null)).toBe('exit code 1');
    expect(exitCause(0, null)).toBe('exit code 0');
    expect(exitCause(null, 'SIGKILL')).toBe('signal SIGKILL');
    expect(exitCause(null, null)).toBe('an unknown cause');
  });
});

import { describe, expect, it } from 'vitest';
import { EchoGuard } from './echo-guard';

describe('EchoGuard', () => {
  it('does not write back a prop that trails the editor by keystrokes', () => {
    const g = new EchoGuard();
    g.emitted('E'); g.emitted('EX'); g.emitted('EXP');
    // The page renders "EX" while the editor already holds "EXP".
    expect(g.shouldApply('EX', 'EXP')).toBe(false);
    g.emitted('EXPO');
    expect(g.shouldApply('EXPO', 'EXPO')).toBe(false);
  });

  it('skips batched echoes and settles everything older', () => {
    const g = new EchoGuard();
    g.emitted('a'); g.emitted('ab'); g.emitted('abc');
    expect(g.shouldApply('abc', 'abc')).toBe(false);
    // "a" was settled by the batched render; seen again it is an outside change.
    expect(g.shouldApply('a', 'abc')).toBe(true);
  });

  it('applies an outside change, even to a text the learner once typed', () => {
    const g = new EchoGuard();
    g.emitted('FROM x'); g.emitted('FROM xy');
    expect(g.shouldApply('FROM xy', 'FROM xy')).toBe(false);
    expect(g.shouldApply('FROM busybox', 'FROM xy')).toBe(true); // Start over
    expect(g.shouldApply('FROM busybox', 'FROM busybox')).toBe(false); // already there
    g.emitted('FROM x');
    expect(g.shouldApply('FROM x', 'FROM x')).toBe(false);
    expect(g.shouldApply('FROM xy', 'FROM x')).toBe(true); // a teacher's push
  });

  it('keeps a bounded memory when the page ignores reports (a locked editor)', () => {
    const g = new EchoGuard();
    for (let i = 0; i < 1000; i++) g.emitted(`t${i}`);
    expect(g.shouldApply('t10', 't999')).toBe(true); // long forgotten: an outside change
    for (let i = 0; i < 1000; i++) g.emitted(`u${i}`);
    expect(g.shouldApply('u900', 'u999')).toBe(false);
  });
});

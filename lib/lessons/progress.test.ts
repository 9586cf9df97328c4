import { describe, expect, it } from 'vitest';
import { emptyProgress, lessonStatus, parseProgress, withCurrentStep, withHint, withPassed, withRead } from './progress';

const now = new Date('2026-11-27T18:00:00Z');
const handsOn = { steps: [
  { id: 'a', view: 'containers' as const, checks: [{ id: 'x', type: 'image-exists', params: {} }, { id: 'y', type: 'image-exists', params: {} }], solution: [] },
  { id: 'b', view: 'concept' as const, checks: [], solution: [] },
] };
const reading = { steps: [{ id: 'r1', view: 'concept' as const, checks: [], solution: [] }, { id: 'r2', view: 'concept' as const, checks: [], solution: [] }, { id: 'later', view: 'concept' as const, checks: [], solution: [], later: true }] };

describe('lesson progress', () => {
  it('counts passed checks for hands-on lessons', () => {
    expect(lessonStatus(handsOn, undefined)).toEqual({ status: 'not-started', done: 0, total: 2 });
    const one = withPassed(emptyProgress(), ['a/x'], now);
    expect(lessonStatus(handsOn, one)).toEqual({ status: 'in-progress', done: 1, total: 2 });
    expect(lessonStatus(handsOn, withPassed(one, ['a/y', 'a/x'], now))).toEqual({ status: 'done', done: 2, total: 2 });
  });

  it('passed checks are never lost and not duplicated', () => {
    const p = withPassed(withPassed(emptyProgress(), ['a/x'], now), ['a/x'], now);
    expect(p.passed).toEqual(['a/x']);
  });

  it('reading lessons are done when every step (but later ones) was read', () => {
    const p = withRead(withRead(emptyProgress(), 'r1', now), 'r2', now);
    expect(lessonStatus(reading, withRead(emptyProgress(), 'r1', now)).status).toBe('in-progress');
    expect(lessonStatus(reading, p)).toEqual({ status: 'done', done: 2, total: 2 });
  });

  it('hints only grow', () => {
    const p = withHint(withHint(emptyProgress(), 'a', 2, now), 'a', 1, now);
    expect(p.hintsShown.a).toBe(2);
  });

  it('parses stored data defensively', () => {
    expect(parseProgress('nonsense')).toEqual(emptyProgress());
    const p = parseProgress({ passed: ['a/x', 3], hintsShown: { a: 2, b: 'x' }, read: null, updatedAt: '2026-11-27T18:00:00Z' });
    expect(p).toEqual({ passed: ['a/x'], read: [], hintsShown: { a: 2 }, solutionsSeen: [], updatedAt: '2026-11-27T18:00:00Z' });
  });

  it('remembers the step the learner opened last, and keeps it through storage', () => {
    const p = withCurrentStep(emptyProgress(), 'cache', now);
    expect(p.currentStep).toBe('cache');
    expect(withCurrentStep(p, 'cache', new Date())).toBe(p);
    expect(parseProgress(JSON.parse(JSON.stringify(p))).currentStep).toBe('cache');
    expect(parseProgress({ currentStep: 7 })).not.toHaveProperty('currentStep');
  });
});

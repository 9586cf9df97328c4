import { describe, expect, it } from 'vitest';
import { getLessons } from '@/content/load';
import { checkKey, parseProgress } from './progress';
import { progressWithin } from './progress-bound';

describe('progressWithin', () => {
  const lesson = getLessons().find((l) => l.steps.some((s) => s.checks.length > 0))!;
  const step = lesson.steps.find((s) => s.checks.length > 0)!;
  const key = checkKey(step.id, step.checks[0].id);

  it('keeps what the lesson names, once, and drops the rest', () => {
    const sent = parseProgress({
      passed: [key, key, 'x'.repeat(60_000), 'other/check'], read: [step.id, 'nope'], solutionsSeen: ['nope', step.id],
      hintsShown: { [step.id]: 1e9, ['y'.repeat(1000)]: 3 }, currentStep: 'z'.repeat(500), updatedAt: '2026-01-02T03:04:05.000Z',
    });
    const kept = progressWithin(lesson, sent);
    expect(kept).toEqual({ passed: [key], read: [step.id], solutionsSeen: [step.id], hintsShown: { [step.id]: 20 }, updatedAt: '2026-01-02T03:04:05.000Z' });
    expect(JSON.stringify(kept).length).toBeLessThan(400);
  });

  it('a full record of the largest lesson stays small', () => {
    for (const l of getLessons()) {
      const all = parseProgress({
        passed: l.steps.flatMap((s) => s.checks.map((c) => checkKey(s.id, c.id))), read: l.steps.map((s) => s.id), solutionsSeen: l.steps.map((s) => s.id),
        hintsShown: Object.fromEntries(l.steps.map((s) => [s.id, 99])), currentStep: l.steps[0].id, updatedAt: 'not a date',
      });
      const kept = progressWithin(l, all);
      expect(kept.updatedAt).toBe(new Date(0).toISOString());
      expect(JSON.stringify(kept).length, l.slug).toBeLessThan(4096);
    }
  });
});

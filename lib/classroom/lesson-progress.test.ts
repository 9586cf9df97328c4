import { describe, expect, it } from 'vitest';
import { classProgress, lessonOutline, type LessonOutline } from './lesson-progress';
import { dashboardRow } from './dashboard-rows';
import { emptyProgress } from '../lessons/progress';
import { getLessons } from '../../content/load';

const outline: LessonOutline = {
  slug: 'layers',
  steps: [
    { id: 'read', checks: [] },
    { id: 'build', checks: ['built', 'tagged'] },
    { id: 'push', checks: ['pushed'], later: true },
    { id: 'run', checks: ['running'] },
  ],
};

describe('classProgress', () => {
  it('says nothing without a lesson', () => {
    expect(classProgress(undefined, emptyProgress())).toBeUndefined();
  });

  it('counts the checks that can run, before the learner opens the lesson', () => {
    expect(classProgress(outline, undefined)).toEqual({ checksPassed: 0, checksTotal: 3 });
  });

  it('names the open step and the passed checks, ignoring checks of later steps and unknown keys', () => {
    const p = { ...emptyProgress(), currentStep: 'run', passed: ['build/built', 'push/pushed', 'gone/old'] };
    expect(classProgress(outline, p)).toEqual({ step: 4, stepsTotal: 4, checksPassed: 1, checksTotal: 3 });
  });

  it('reports only the step for a reading lesson', () => {
    const reading: LessonOutline = { slug: 'intro', steps: [{ id: 'a', checks: [] }, { id: 'b', checks: [] }] };
    expect(classProgress(reading, { ...emptyProgress(), currentStep: 'b' })).toEqual({ step: 2, stepsTotal: 2 });
  });

  it('reads as the dashboard column says it', () => {
    const progress = classProgress(outline, { ...emptyProgress(), currentStep: 'build', passed: ['build/built'] })!;
    const row = dashboardRow({ id: 'm', displayName: 'Ann', status: 'online', lastSeen: new Date().toISOString(), joinedAt: new Date().toISOString(), progress, lastBuild: null, layerCount: 0, runningContainers: 0 }, new Date());
    expect(row.lesson).toBe('Step 2/4 · 1/3 checks');
  });

  it('outlines every real lesson so that each step can be named', () => {
    for (const lesson of getLessons()) {
      const o = lessonOutline(lesson);
      expect(o.steps.map((s) => s.id)).toEqual(lesson.steps.map((s) => s.id));
      expect(classProgress(o, emptyProgress())).toBeDefined();
    }
  });
});

// What a lesson's playground starts from: the lesson's starter Dockerfile
// and files, and the tag its first task builds, so "Build" makes the image
// the checks look for. Lessons without a starter begin from the base image.
import type { Lesson } from './schema';

type StarterFiles = NonNullable<NonNullable<Lesson['starter']>['files']>;
export interface LessonStarter { dockerfile: string; files: StarterFiles; tag: string }

export const EMPTY_LESSON_DOCKERFILE = 'FROM busybox:latest\n';
const FALLBACK_TAG = 'myapp:1';

export function lessonStarter(lesson: Pick<Lesson, 'starter' | 'steps'>): LessonStarter {
  const firstBuild = lesson.steps.flatMap((s) => s.solution).find((a) => a.do === 'build');
  return {
    dockerfile: lesson.starter?.dockerfile ?? EMPTY_LESSON_DOCKERFILE,
    files: { ...(lesson.starter?.files ?? {}) },
    tag: firstBuild && firstBuild.do === 'build' ? firstBuild.tag : FALLBACK_TAG,
  };
}

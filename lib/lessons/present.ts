// What a lesson page shows, in one language, as plain serialisable data:
// markdown already rendered, solution actions as docker CLI lines.
import { checkRequires } from '../checks/catalog';
import type { Capability } from '../checks/types';
import type { Locale } from './schema';
import type { Action, CheckSpec, Lesson, Step } from './schema';
import { actionAsCli } from './cli';
import { renderInline, renderMarkdown } from './markdown';

export interface CheckView extends CheckSpec { labelHtml: string; requires?: Capability }
export interface StepView {
  id: string;
  view: Step['view'];
  diagram?: Step['diagram'];
  later: boolean;
  title: string;
  bodyHtml: string;
  taskHtml?: string;
  hintsHtml: string[];
  solutionHtml?: string;
  solutionCli: string[];
  solutionDockerfiles: { tag: string; text: string }[];
  checks: CheckView[];
}
export interface LessonPage {
  slug: string;
  order: number;
  kind: Lesson['kind'];
  title: string;
  summary: string;
  summaryHtml: string;
  introHtml: string;
  starter?: { dockerfile?: string; files: string[] };
  steps: StepView[];
}

export function presentLesson(lesson: Lesson, locale: Locale): LessonPage {
  const text = lesson.text[locale];
  return {
    slug: lesson.slug,
    order: lesson.order,
    kind: lesson.kind,
    title: text.title,
    summary: text.summary,
    summaryHtml: renderInline(text.summary),
    introHtml: renderMarkdown(text.intro),
    starter: lesson.starter ? { dockerfile: lesson.starter.dockerfile, files: Object.keys(lesson.starter.files ?? {}) } : undefined,
    steps: lesson.steps.map((step) => {
      const t = text.steps[step.id];
      const builds = step.solution.filter((a): a is Extract<Action, { do: 'build' }> => a.do === 'build');
      return {
        id: step.id,
        view: step.view,
        // Shown where the lesson names it, not repeated on every concept step.
        diagram: step.diagram,
        later: step.later ?? false,
        title: t.title,
        bodyHtml: renderMarkdown(t.body),
        taskHtml: t.task ? renderInline(t.task) : undefined,
        hintsHtml: t.hints.map(renderInline),
        solutionHtml: t.solution ? renderInline(t.solution) : undefined,
        solutionCli: step.solution.map(actionAsCli),
        solutionDockerfiles: builds.map((b) => ({ tag: b.tag, text: b.dockerfile })),
        checks: step.checks.map((c) => ({ ...c, labelHtml: renderInline(t.checks[c.id]), requires: checkRequires(c) })),
      };
    }),
  };
}

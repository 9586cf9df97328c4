// The lesson format. A lesson is a folder content/lessons/<NN-slug>/ with
// lesson.json (structure: steps, checks, solution actions, starter files) and
// en.md / zh.md (all words: frontmatter for titles, tasks, hints and check
// labels; the body holds one "## Title {#step-id}" section per step).
import { z } from 'zod';
import { LOCALES as I18N_LOCALES } from '../i18n/locale';
import { ContextFile } from '../protocol';

// Lessons are written in every interface language.
export const Locale = z.enum(I18N_LOCALES);
export type Locale = z.infer<typeof Locale>;
export const LOCALES: Locale[] = [...I18N_LOCALES];

// Playground views a step shows; "concept" steps show a static diagram.
export const View = z.enum(['layer-stack', 'containers', 'build-timeline', 'union-view', 'concept']);
export const ConceptDiagram = z.enum(['vm-vs-container', 'architecture', 'namespaces', 'orchestration', 'kubernetes', 'install']);

const Ident = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case id: letters, digits, dashes');
const Cmd = z.array(z.string()).min(1);

export const CheckSpec = z.object({ id: Ident, type: z.string(), params: z.record(z.string(), z.unknown()) }).strict();
export type CheckSpec = z.infer<typeof CheckSpec>;

// One call of the sandbox API (DESIGN §4). Containers are named by an alias
// ("as") so later actions can refer to them before their id is known.
export const Action = z.discriminatedUnion('do', [
  z.object({ do: z.literal('build'), dockerfile: z.string(), files: z.record(z.string(), ContextFile).optional(), tag: z.string() }).strict(),
  z.object({ do: z.literal('create'), as: Ident, image: z.string(), cmd: Cmd.optional() }).strict(),
  z.object({ do: z.literal('start'), container: Ident }).strict(),
  z.object({ do: z.literal('stop'), container: Ident }).strict(),
  z.object({ do: z.literal('wait'), container: Ident }).strict(),   // until it has exited
  z.object({ do: z.literal('exec'), container: Ident, cmd: Cmd }).strict(),
  z.object({ do: z.literal('commit'), container: Ident, tag: z.string() }).strict(),
  z.object({ do: z.literal('remove'), container: Ident }).strict(),
  // Registry actions: need the sandbox's registry capability.
  z.object({ do: z.literal('push'), image: z.string(), ref: z.string() }).strict(),
  z.object({ do: z.literal('remove-image'), ref: z.string() }).strict(),
  z.object({ do: z.literal('pull'), ref: z.string() }).strict(),
]);
export type Action = z.infer<typeof Action>;

export const Step = z.object({
  id: Ident,
  view: View,
  diagram: ConceptDiagram.optional(),
  checks: z.array(CheckSpec).default([]),
  solution: z.array(Action).default([]),
  // A hands-on part we cannot make real yet: shown, marked, never checked.
  later: z.boolean().optional(),
}).strict();
export type Step = z.infer<typeof Step>;

export const LessonJson = z.object({
  kind: z.enum(['hands-on', 'reading', 'concept']),
  diagram: ConceptDiagram.optional(),
  starter: z.object({ dockerfile: z.string().optional(), files: z.record(z.string(), ContextFile).optional() }).strict().optional(),
  steps: z.array(Step).min(1),
}).strict();
export type LessonJson = z.infer<typeof LessonJson>;

export const StepText = z.object({
  title: z.string().min(1),
  body: z.string().min(1),           // markdown
  task: z.string().optional(),
  hints: z.array(z.string()).default([]),
  solution: z.string().optional(),   // prose that goes with the solution actions
  checks: z.record(z.string(), z.string()).default({}),  // check id → label
}).strict();
export type StepText = z.infer<typeof StepText>;

export const LessonText = z.object({
  title: z.string().min(1),
  summary: z.string().min(1),
  intro: z.string().default(''),
  steps: z.record(z.string(), StepText),
}).strict();
export type LessonText = z.infer<typeof LessonText>;

export interface Lesson extends LessonJson {
  slug: string;       // folder name without its number
  order: number;      // the folder's number
  text: Record<Locale, LessonText>;
}

import { describe, expect, it } from 'vitest';
import { parseLesson } from './parse';
import type { LessonSource } from './parse';

const json = {
  kind: 'hands-on',
  starter: { dockerfile: '@starter/Dockerfile' },
  steps: [
    { id: 'build-it', view: 'layer-stack',
      checks: [{ id: 'built', type: 'image-exists', params: { tag: 'lab/x:1' } }],
      solution: [{ do: 'build', dockerfile: '@starter/Dockerfile', tag: 'lab/x:1' }] },
  ],
};
const md = (lang: string, extra = '') => `---
title: T ${lang}
summary: S ${lang}
steps:
  build-it:
    task: Build it (${lang}).
    hints: ["one"]
    solution: Build the starter.
    checks:
      built: It is built
${extra}---
Intro.

## Build it {#build-it}
Body ${lang}.
`;
const good = (): LessonSource => ({
  dir: '01-sample', lessonJson: JSON.stringify(json), md: { en: md('en'), zh: md('zh') },
  assets: { 'starter/Dockerfile': 'FROM busybox:latest\nRUN echo hi\n' },
});
const withJson = (mut: (j: any) => void): LessonSource => {
  const j = structuredClone(json) as any;
  mut(j);
  return { ...good(), lessonJson: JSON.stringify(j) };
};

describe('parseLesson', () => {
  it('accepts a complete lesson and resolves file references', () => {
    const r = parseLesson(good());
    expect(r.problems).toEqual([]);
    expect(r.lesson?.slug).toBe('sample');
    expect(r.lesson?.order).toBe(1);
    expect(r.lesson?.starter?.dockerfile).toContain('RUN echo hi');
    expect(r.lesson?.text.zh.steps['build-it'].body).toBe('Body zh.');
    expect(r.lesson?.text.en.steps['build-it'].title).toBe('Build it');
  });

  // [what is wrong, source, expected message fragment]
  const broken: [string, LessonSource, RegExp][] = [
    ['bad folder name', { ...good(), dir: 'sample' }, /folder name "sample"/],
    ['zh.md missing', { ...good(), md: { en: md('en') } }, /zh\.md is missing/],
    ['unknown check type', withJson((j) => { j.steps[0].checks[0].type = 'image-is-shiny'; }), /unknown check type "image-is-shiny"/],
    ['bad check params', withJson((j) => { j.steps[0].checks[0].params = { tga: 'x' }; }), /check "built": params/],
    ['starter Dockerfile does not parse', { ...good(), assets: { 'starter/Dockerfile': 'FROM busybox\nRUNN echo\n' } }, /starter Dockerfile: line 2: Unknown instruction: RUNN/],
    ['missing referenced file', { ...good(), assets: {} }, /file "starter\/Dockerfile" not found/],
    ['checks without solution', withJson((j) => { j.steps[0].solution = []; }), /has checks but no solution/],
    ['container used before create', withJson((j) => { j.steps[0].solution.push({ do: 'start', container: 'ghost' }); }), /container "ghost" is not created/],
    ['step without text in one language', { ...good(), md: { en: md('en'), zh: md('zh').replace('{#build-it}', '{#other}') } }, /zh\.md: step "build-it" has no/],
    ['check without a label', { ...good(), md: { en: md('en').replace('      built: It is built', '      bulit: It is built'), zh: md('zh') } }, /en\.md: step "build-it" has no label for check "built"/],
    ['hint counts differ', { ...good(), md: { en: md('en'), zh: md('zh').replace('hints: ["one"]', 'hints: ["one", "two"]') } }, /en\.md has 1 hints, zh\.md has 2/],
    ['broken YAML', { ...good(), md: { en: md('en').replace('title: T en', 'title: T: en: x'), zh: md('zh') } }, /en\.md: frontmatter: /],
    ['heading without step id', { ...good(), md: { en: `${md('en')}\n## Loose heading\n`, zh: md('zh') } }, /heading "## Loose heading" has no \{#step-id\}/],
    ['bad regex', withJson((j) => { j.steps[0].checks.push({ id: 'rx', type: 'exec-output', params: { cmd: ['x'], pattern: '(' } }); }), /params\.pattern "\(" is not a valid regular expression/],
    ['later step with checks', withJson((j) => { j.steps[0].later = true; }), /marked later but has checks/],
    ['checks in a reading lesson', withJson((j) => { j.kind = 'reading'; }), /has checks in a reading lesson/],
  ];
  it.each(broken)('reports: %s', (_what, src, message) => {
    const r = parseLesson(src);
    expect(r.lesson).toBeUndefined();
    expect(r.problems.join('\n')).toMatch(message);
  });
});

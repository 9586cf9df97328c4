// The lesson content itself, tested without an engine: it loads, follows
// issue #5's order, teaches every topic of the source material in both
// languages, and no checked task is already done in the starter state.
import { describe, expect, it } from 'vitest';
import { runCheck, checkRequires } from '../lib/checks/catalog';
import type { CheckContext } from '../lib/checks/types';
import { LOCALES } from '../lib/lessons/schema';
import { presentLesson } from '../lib/lessons/present';
import { loadLessons } from './load';

const { lessons, problems } = loadLessons();

describe('content/lessons', () => {
  it('all lessons are valid', () => {
    expect(problems).toEqual([]);
  });

  it('follows the order of issue #5', () => {
    expect(lessons.map((l) => l.slug)).toEqual([
      'containers-and-vms', 'docker-architecture', 'what-makes-a-container', 'images-and-containers',
      'create-start-run', 'docker-commit', 'docker-build', 'dockerfile-instructions', 'installing-docker', 'orchestration',
    ]);
    expect(lessons.find((l) => l.slug === 'installing-docker')?.kind).toBe('reading');
    expect(lessons.find((l) => l.slug === 'orchestration')?.steps.some((s) => s.later)).toBe(true);
  });

  // Facts of the source material, as they must appear in each language's lesson text.
  const topics: [string, RegExp][] = [
    ['hypervisor and guest OS', /hypervisor/i], ['one Linux VM on macOS/Windows', /macOS/],
    ['client', /`docker`|docker 命令/], ['daemon', /dockerd/], ['registry', /Docker Hub/],
    ['pid namespace', /`pid`/], ['net namespace', /`net`/], ['ipc namespace', /`ipc`/], ['mnt namespace', /`mnt`/], ['uts namespace', /`uts`/],
    ['cgroups', /cgroups/], ['union filesystem', /whiteout/], ['parent layer pointer', /parent|父/i],
    ['writable layer dropped with the container', /writable layer|可写层/], ['docker create', /docker create/], ['docker start', /docker start/],
    ['docker run', /docker run/], ['docker commit', /docker commit/], ['build loop', /FROM/],
    ['FROM scratch', /FROM scratch/], ['official images', /official|官方/], ['LABEL', /LABEL maintainer/], ['RUN &&', /&&/],
    ['clean apt caches', /rm -rf \/var\/lib\/apt\/lists/], ['WORKDIR relative', /WORKDIR demo/], ['ADD extracts', /ADD site\.tar\.gz/],
    ['remote files with curl/wget', /curl/], ['ENV', /ENV APP_VERSION/], ['CentOS install', /yum-utils device-mapper-persistent-data lvm2/],
    ['docker-ce packages', /docker-ce docker-ce-cli containerd\.io/], ['domestic repo mirror', /mirrors\.aliyun\.com/],
    ['hello-world', /docker run hello-world/], ['registry mirrors', /registry-mirrors/], ['daemon.json', /\/etc\/docker\/daemon\.json/],
    ['restart docker', /systemctl restart docker/], ['Swarm', /Swarm/], ['Kubernetes', /Kubernetes/],
  ];
  it.each(LOCALES)('teaches every topic of the source material in %s', (locale) => {
    const all = lessons.map((l) => {
      const t = l.text[locale];
      return [t.title, t.summary, t.intro, ...Object.values(t.steps).flatMap((s) => [s.title, s.body, s.task ?? '', s.solution ?? '', ...s.hints])].join('\n');
    }).join('\n');
    const missing = topics.filter(([, re]) => !re.test(all)).map(([name]) => name);
    expect(missing).toEqual([]);
  });

  // CommonMark does not close ** after CJK punctuation followed by a letter;
  // a stray marker in the HTML means the source needs rewording.
  it.each(LOCALES)('renders every %s text without stray markdown markers', (locale) => {
    for (const l of lessons) {
      const p = presentLesson(l, locale);
      const html = [p.introHtml, p.summaryHtml, ...p.steps.flatMap((s) => [s.bodyHtml, s.taskHtml ?? '', s.solutionHtml ?? '', ...s.hintsHtml, ...s.checks.map((c) => c.labelHtml)])].join('\n');
      expect(html.match(/.{0,30}(\*\*|`).{0,30}/g), l.slug).toBeNull();
    }
  });

  it('Chinese texts are written in Chinese', () => {
    for (const l of lessons) {
      for (const s of Object.values(l.text.zh.steps)) expect(s.body, `${l.slug}/${s.title}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  // The replay test proves the solutions pass on the real engine; here we
  // prove the starter state (an empty session) passes none of the checks.
  it.each(lessons.filter((l) => l.kind === 'hands-on').map((l) => [l.slug, l] as const))('starter state of %s passes no check', (_slug, lesson) => {
    const ctx: CheckContext = {
      world: { sessionId: 'starter', images: [], containers: [], at: '2026-11-27T00:00:00Z' },
      dockerfile: lesson.starter?.dockerfile ?? '',
      execs: [], builds: [], removed: [], registry: [],
    };
    for (const step of lesson.steps) {
      for (const check of step.checks) {
        const r = runCheck(check, ctx);
        expect(r.passed, `${step.id}/${check.id}`).toBe(false);
        expect(r.missing?.en).toBeTruthy();
      }
    }
  });

  it('only the host-kernel step of lesson 1 and the registry step of lesson 2 need sandbox capabilities', () => {
    const needing = lessons.flatMap((l) => l.steps.flatMap((s) => s.checks.filter((c) => checkRequires(c)).map((c) => `${l.slug}/${s.id}:${checkRequires(c)}`)));
    expect([...new Set(needing)]).toEqual(['containers-and-vms/sandbox:host-kernel', 'docker-architecture/registry:registry']);
  });
});

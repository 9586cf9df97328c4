// Replays every hands-on lesson's solution against the real engine, through
// the sandbox server's public HTTP API (started in-process), and asserts:
// in the starter state no check passes; after each step's solution actions,
// every check of that step passes. Steps whose checks need a capability the
// sandbox lacks are reported as todo, never counted as passed.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequires, runCheck } from '../lib/checks/catalog';
import { loadSettings } from '../lib/settings';
import { createSandboxServer, type SandboxServer } from '../sandbox-server/app';
import { Labels } from '../sandbox-server/labels';
import { HttpSandbox } from './replay/http-sandbox';
import { LessonReplay } from './replay/replay';
import { loadLessons } from './load';

const { lessons, problems } = loadLessons();

// What the engine still holds for a session, by label (checked after the
// session is deleted, so replays leave nothing behind).
function leftovers(sessionId: string): string[] {
  const filter = `label=${Labels.session}=${sessionId}`;
  const out = (args: string[]) => execFileSync('docker', args, { encoding: 'utf8' }).split('\n').filter(Boolean);
  return [...out(['ps', '-aq', '--filter', filter]), ...out(['images', '-q', '--filter', filter])];
}
const handsOn = lessons.filter((l) => l.kind === 'hands-on');

let server: SandboxServer;
let base: string;
// /healthz does not report the host's kernel yet; until it does, the replay
// takes it from the engine (the check itself only reads CheckContext.engine).
const hostKernel = execFileSync('docker', ['info', '--format', '{{.KernelVersion}}'], { encoding: 'utf8' }).trim();
// Capabilities this adapter cannot provide at all yet.
const UNSUPPORTED = new Set(['registry']);

beforeAll(async () => {
  expect(problems).toEqual([]);
  server = createSandboxServer({ settings: loadSettings({}), reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => { await server?.close(); });

describe.each(handsOn.map((l) => [l.slug, l] as const))('lesson %s', (slug, lesson) => {
  it('starter state passes no check; each step\'s solution passes its checks', { timeout: 600_000 }, async () => {
    const sandbox = await HttpSandbox.open(base, hostKernel);
    try {
      const replay = new LessonReplay(sandbox, lesson);
      const starter = await replay.context();
      for (const step of lesson.steps) {
        for (const check of step.checks) {
          const r = runCheck(check, starter);
          expect(r.passed, `${slug}/${step.id}/${check.id} already passes in the starter state`).toBe(false);
        }
      }
      for (const step of lesson.steps.filter((s) => s.checks.length)) {
        const lacking = replay.missingFor(step);
        if (lacking.some((c) => UNSUPPORTED.has(c))) continue; // reported by the todo below
        expect(lacking, `${slug}/${step.id} needs ${lacking.join(', ')}`).toEqual([]);
        for (const action of step.solution) await replay.run(action);
        const ctx = await replay.context();
        for (const check of step.checks) {
          const r = runCheck(check, ctx);
          expect(r.passed, `${slug}/${step.id}/${check.id}: ${r.missing?.en}`).toBe(true);
        }
      }
    } finally {
      await sandbox.close();
    }
    expect(leftovers(sandbox.session.id)).toEqual([]);
  });

  const gated = lesson.steps.filter((s) => s.checks.some((c) => UNSUPPORTED.has(checkRequires(c) ?? '')));
  for (const step of gated) it.todo(`${slug}/${step.id}: needs the sandbox's registry capability (push, pull, remove image)`);
});

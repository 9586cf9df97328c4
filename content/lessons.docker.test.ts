// Replays every hands-on lesson's solution against the real engine, through
// the sandbox server's public HTTP API (started in-process), and asserts:
// in the starter state no check passes; after each step's solution actions,
// every check of that step passes. Steps whose checks need a capability the
// sandbox lacks are reported as todo, never counted as passed. Lesson 2's
// push/pull runs against the real local registry (scripts/setup/registry.sh).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRequires, runCheck } from '../lib/checks/catalog';
import { loadSettings } from '../lib/settings';
import { createSandboxServer, type SandboxServer } from '../sandbox-server/app';
import { RegistryClient } from '../sandbox-server/registry/registry-client';
import { registryNamespace } from '../sandbox-server/sessions/names';
import { HttpSandbox } from './replay/http-sandbox';
import { LessonReplay } from './replay/replay';
import { loadLessons } from './load';
import { engineObjects } from '../sandbox-server/test/harness';

const { lessons, problems } = loadLessons();

// What the engine still holds for a session, by label (checked after the
// session is deleted, so replays leave nothing behind).
function leftovers(sessionId: string): string[] {
  const { containers, images } = engineObjects(sessionId);
  return [...containers, ...images];
}
const handsOn = lessons.filter((l) => l.kind === 'hands-on');

// Tags the session still has in the lesson registry.
async function registryLeftovers(sessionId: string): Promise<string[]> {
  const registry = RegistryClient.fromSettings(loadSettings({}));
  const repos = (await registry.repositories()).filter((r) => r.startsWith(registryNamespace(sessionId)));
  return (await Promise.all(repos.map(async (r) => (await registry.tags(r)).map((t) => `${r}:${t}`)))).flat();
}

let server: SandboxServer;
let base: string;
// Capabilities this adapter cannot provide at all yet (none: registry and
// host-kernel come from the session's /engine, and a missing one fails the step).
const UNSUPPORTED = new Set<string>();

beforeAll(async () => {
  expect(problems).toEqual([]);
  // Other suites share this engine and its live sessions; the replay is not about the host's quota.
  server = createSandboxServer({ settings: loadSettings({ LAYERLAB_SESSIONS_PER_HOST: '10000' }), reaperIntervalMs: 3_600_000 });
  const { port } = await server.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${port}`;
});
afterAll(async () => { await server?.close(); });

describe.each(handsOn.map((l) => [l.slug, l] as const))('lesson %s', (slug, lesson) => {
  it('starter state passes no check; each step\'s solution passes its checks', { timeout: 600_000 }, async () => {
    const sandbox = await HttpSandbox.open(base);
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
    expect(await registryLeftovers(sandbox.session.id)).toEqual([]);
  });

  const gated = lesson.steps.filter((s) => s.checks.some((c) => UNSUPPORTED.has(checkRequires(c) ?? '')));
  for (const step of gated) it.todo(`${slug}/${step.id}: needs the sandbox's registry capability (push, pull, remove image)`);
});

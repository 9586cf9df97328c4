// What a lesson check sees and what it answers. Pure data: the playground
// fills a CheckContext from the session's live state, the replay test fills it
// from the sandbox API's answers, and both run the same predicates.
import type { WorldSnapshot } from '../protocol';

export interface Bilingual { en: string; zh: string }

// One command run in a container, as the exec endpoint answered it.
export interface ExecRecord { containerId: string; cmd: string[]; exitCode: number; output: string }

// One finished build, summarised from its build events (see build-record.ts).
export interface BuildRecord {
  tag?: string;
  imageId?: string;
  ok: boolean;
  steps: number;
  cachedSteps: number;
}

// A container the learner removed; the snapshot alone forgets it ever existed.
export interface RemovalRecord { containerId: string; imageId: string }

// Registry traffic (push/pull), as the sandbox's `registry` world updates
// report it. Needs the sandbox's registry capability (/healthz lists it); a
// check that reads it declares `requires: 'registry'`.
export interface RegistryRecord { action: 'push' | 'pull'; ref: string; imageId?: string; digest?: string; ok: boolean }

// The engine the session runs on, as GET /v1/sessions/:id/engine reports it.
// kernelVersion (the host's `uname -r`, the same answer's kernelVersion) may
// be missing from an older sandbox: checks that need it declare
// `requires: 'host-kernel'`.
export interface EngineFacts { runtime: string; kernelVersion?: string }

export interface CheckContext {
  world: WorldSnapshot;
  engine?: EngineFacts;
  dockerfile?: string;
  execs?: ExecRecord[];
  builds?: BuildRecord[];
  removed?: RemovalRecord[];
  registry?: RegistryRecord[];
}

export interface CheckResult { passed: boolean; missing?: Bilingual }

export type Capability = 'registry' | 'host-kernel';

export const ok: CheckResult = { passed: true };
export function missing(en: string, zh: string): CheckResult {
  return { passed: false, missing: { en, zh } };
}

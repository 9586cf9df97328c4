// A shared snapshot run read-only on a real engine: build it, then run each
// of its commands in a container of its own. A small state machine, so the
// page can only move forward (or start over) and a late answer from an
// earlier run cannot land in a newer one.
import type { ShareCommand } from './snapshot';

export type RunStage = 'idle' | 'connecting' | 'building' | 'commands' | 'done' | 'failed';

export interface CommandRun {
  argv: ShareCommand;
  status: 'waiting' | 'running' | 'done' | 'failed';
  exitCode?: number;
  output?: string;
  error?: string;
}

export interface ShareRun {
  /** Bumped by every start: answers carry the run they belong to. */
  run: number;
  stage: RunStage;
  imageId: string | null;
  commands: CommandRun[];
  error: string | null;
}

export type RunEvent =
  | { type: 'start' }
  | { type: 'connected'; run: number }
  | { type: 'built'; run: number; imageId: string }
  | { type: 'build-failed'; run: number; message: string }
  | { type: 'command-started'; run: number; index: number }
  | { type: 'command-finished'; run: number; index: number; exitCode: number; output: string }
  | { type: 'command-failed'; run: number; index: number; message: string }
  | { type: 'session-failed'; run: number; message: string };

export function initialRun(commands: readonly ShareCommand[]): ShareRun {
  return { run: 0, stage: 'idle', imageId: null, commands: commands.map((argv) => ({ argv, status: 'waiting' })), error: null };
}

export const runBusy = (s: ShareRun) => s.stage === 'connecting' || s.stage === 'building' || s.stage === 'commands';

const setCommand = (s: ShareRun, index: number, c: Partial<CommandRun>): ShareRun =>
  ({ ...s, commands: s.commands.map((old, i) => (i === index ? { ...old, ...c } : old)) });

// Where each event may arrive; anything else (a stale run, a repeated
// answer) leaves the state as it is.
const allowed: Record<Exclude<RunEvent['type'], 'start'>, RunStage[]> = {
  'connected': ['connecting'],
  'built': ['building'],
  'build-failed': ['connecting', 'building'],
  'session-failed': ['connecting', 'building', 'commands'],
  'command-started': ['commands'],
  'command-finished': ['commands'],
  'command-failed': ['commands'],
};

export function runReducer(s: ShareRun, e: RunEvent): ShareRun {
  if (e.type === 'start') {
    if (runBusy(s)) return s;
    return { ...initialRun(s.commands.map((c) => c.argv)), run: s.run + 1, stage: 'connecting' };
  }
  if (e.run !== s.run || !allowed[e.type].includes(s.stage)) return s;
  switch (e.type) {
    case 'connected': return { ...s, stage: 'building' };
    case 'built': return { ...s, imageId: e.imageId, stage: s.commands.length ? 'commands' : 'done' };
    case 'build-failed':
    case 'session-failed': return { ...s, stage: 'failed', error: e.message };
    case 'command-started': return setCommand(s, e.index, { status: 'running' });
    case 'command-finished': {
      const next = setCommand(s, e.index, { status: 'done', exitCode: e.exitCode, output: e.output });
      return e.index === s.commands.length - 1 ? { ...next, stage: 'done' } : next;
    }
    case 'command-failed': {
      const next = setCommand(s, e.index, { status: 'failed', error: e.message });
      return e.index === s.commands.length - 1 ? { ...next, stage: 'done' } : next;
    }
  }
}

/** `?replay=1` (or `true`) asks a share to build as soon as it opens. */
export function replayRequested(query: Record<string, string | string[] | undefined>): boolean {
  const v = query.replay;
  const value = Array.isArray(v) ? v[0] : v;
  return value === '1' || value === 'true';
}

/**
 * The name the built image gets. Each share page has a sandbox session of
 * its own, so one fixed name never meets another share's image.
 */
export const SNAPSHOT_TAG = 'snapshot:latest';

/** What keeps a command's container alive while the command runs in it. */
export const KEEP_ALIVE: string[] = ['sleep', '600'];

/** An argv as a shell line, quoting only what needs it. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}

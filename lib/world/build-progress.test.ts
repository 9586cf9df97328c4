import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBuildStreamParser } from '../build-stream/parser';
import { parseDockerfile } from '../dockerfile/model';
import type { BuildEvent } from '../protocol';
import { applyBuildEvent, startBuildProgress, type BuildProgress } from './build-progress';

const fixtures = path.join(__dirname, '../build-stream/fixtures');
function recordedEvents(dockerfile: string, stream = dockerfile): BuildEvent[] {
  const parser = createBuildStreamParser(parseDockerfile(readFileSync(path.join(fixtures, `${dockerfile}.Dockerfile`), 'utf8')), { tag: 'app:1' });
  const messages = readFileSync(path.join(fixtures, `${stream}.jsonl`), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
  return [...messages.flatMap((m) => parser.push(m)), ...parser.end()];
}
// Every intermediate state, to follow a step through its phases.
function states(events: BuildEvent[]): BuildProgress[] {
  const out = [startBuildProgress('b1')];
  for (const e of events) out.push(applyBuildEvent(out[out.length - 1], e));
  return out;
}
const phasesOf = (all: BuildProgress[], index: number) => {
  const seen: string[] = [];
  for (const p of all) {
    const phase = p.steps.find((s) => s.index === index)?.phase;
    if (phase && seen[seen.length - 1] !== phase) seen.push(phase);
  }
  return seen;
};

describe('applyBuildEvent over recorded builds', () => {
  it('success: RUN goes run → modify → commit → done, metadata commit → done, COPY modify → commit → done', () => {
    const all = states(recordedEvents('success'));
    const last = all[all.length - 1];
    expect(last.status).toBe('done');
    expect(last.imageId).toBe('sha256:0d15babeba6705c480b94759f7e18ce60940212b39533737d5d6038c1a822532');
    expect(last.tag).toBe('app:1');
    expect(last.total).toBe(7);
    expect(last.steps.map((s) => s.phase)).toEqual(Array(7).fill('done'));
    expect(phasesOf(all, 6)).toEqual(['run', 'modify', 'commit', 'done']);
    expect(phasesOf(all, 2)).toEqual(['commit', 'done']);
    expect(phasesOf(all, 5)).toEqual(['modify', 'commit', 'done']);
    expect(phasesOf(all, 1)).toEqual(['commit', 'done']);
    const run = last.steps[5];
    expect(run).toMatchObject({ index: 6, line: 6, endLine: 6, stage: 0, containerId: 'b3e735e4c2f9', imageId: '1db6a84f0c86', cached: false });
    expect(run.output).toBe('hello from the build context\nhello from a build\n');
  });

  it('cache hits commit straight away and are marked cached', () => {
    const all = states(recordedEvents('success', 'success-cached'));
    const last = all[all.length - 1];
    expect(last.steps.slice(1).every((s) => s.cached && s.phase === 'done' && s.containerId === undefined)).toBe(true);
    expect(phasesOf(all, 6)).toEqual(['run', 'commit', 'done']);
  });

  it('a FROM that runs ONBUILD triggers goes through run and modify too', () => {
    const all = states(recordedEvents('onbuild-child'));
    expect(phasesOf(all, 1)).toEqual(['commit', 'run', 'modify', 'commit', 'done']);
    expect(all[all.length - 1].steps[0]).toMatchObject({ containerId: '76d6b43f716a', imageId: '12d7b65e3252' });
  });

  it('a failing RUN stops on its step with the error and its line', () => {
    const last = states(recordedEvents('run-fail')).pop()!;
    expect(last.status).toBe('failed');
    expect(last.steps.map((s) => s.phase)).toEqual(['done', 'done', 'failed']);
    expect(last.error).toMatchObject({ index: 3, line: 4, code: 'step-failed' });
    expect(last.steps[2].output).toBe('about to fail\nto stderr\n');
  });

  it('a cut-off stream fails the step that was running', () => {
    const last = states(recordedEvents('cut-off')).pop()!;
    expect(last.status).toBe('failed');
    expect(last.steps.map((s) => s.phase)).toEqual(['done', 'failed']);
    expect(last.error?.code).toBe('incomplete');
  });

  it('keeps the builder\'s warnings before step 1 apart from the steps', () => {
    const last = states(recordedEvents('multiline')).pop()!;
    expect(last.preamble).toContain('[WARNING]: Empty continuation line found in:');
    expect(last.steps[1].output).toBe('one\ntwo\nthree\nno newline at the end');
  });

  it('multi-stage steps carry their stage; ARGs before FROM settle without a layer', () => {
    expect(states(recordedEvents('multi-stage')).pop()!.steps.map((s) => s.stage)).toEqual([0, 0, 0, 1, 1, 1, 1]);
    const args = states(recordedEvents('arg-before-from')).pop()!;
    expect(args.steps.slice(0, 2).map((s) => [s.phase, s.imageId])).toEqual([['done', undefined], ['done', undefined]]);
  });
});

describe('applyBuildEvent', () => {
  const step = (index: number, instruction: string): BuildEvent => ({ type: 'step', index, total: 3, instruction, line: index });

  it('never mutates: unchanged steps keep their identity, changed ones are new objects', () => {
    const a = applyBuildEvent(applyBuildEvent(startBuildProgress('b'), step(1, 'FROM busybox')), step(2, 'RUN echo'));
    const frozen = JSON.stringify(a);
    const b = applyBuildEvent(a, { type: 'output', index: 2, text: 'x' });
    expect(JSON.stringify(a)).toBe(frozen);
    expect(b).not.toBe(a);
    expect(b.steps[0]).toBe(a.steps[0]);
    expect(b.steps[1]).not.toBe(a.steps[1]);
    expect(b.steps[1]).toMatchObject({ phase: 'modify', output: 'x' });
  });

  it('ignores events for unknown steps and anything after the end', () => {
    const a = applyBuildEvent(startBuildProgress('b'), step(1, 'FROM busybox'));
    expect(applyBuildEvent(a, { type: 'layer', index: 9, imageId: 'x', cached: false })).toBe(a);
    expect(applyBuildEvent(a, step(1, 'FROM busybox'))).toBe(a);
    const done = applyBuildEvent(a, { type: 'done', imageId: 'sha256:1', tag: null });
    expect(applyBuildEvent(done, step(2, 'RUN x'))).toBe(done);
    expect(applyBuildEvent(done, { type: 'error', message: 'late' })).toBe(done);
  });

  it('a cancel marks the build cancelled and stops the running step', () => {
    let p = applyBuildEvent(startBuildProgress('b'), step(1, 'FROM busybox'));
    p = applyBuildEvent(p, { type: 'layer', index: 1, imageId: 'aaa', cached: false });
    p = applyBuildEvent(p, step(2, 'RUN sleep 100'));
    p = applyBuildEvent(p, { type: 'container', index: 2, containerId: 'c1' });
    p = applyBuildEvent(p, { type: 'error', message: 'The build was cancelled.', code: 'cancelled' });
    expect(p.status).toBe('cancelled');
    expect(p.steps.map((s) => s.phase)).toEqual(['done', 'failed']);
    expect(p.error).toEqual({ message: 'The build was cancelled.', code: 'cancelled' });
  });

  it('a refusal before any step keeps the line for the editor', () => {
    const p = applyBuildEvent(startBuildProgress('b'), { type: 'error', message: 'ADD <url> is refused', line: 4, code: 'policy' });
    expect(p).toMatchObject({ status: 'failed', steps: [], error: { line: 4, code: 'policy' } });
  });

  it('a container on a metadata step keeps it at commit: that container never starts', () => {
    let p = applyBuildEvent(startBuildProgress('b'), step(1, 'ENV A=1'));
    p = applyBuildEvent(p, { type: 'container', index: 1, containerId: 'c' });
    expect(p.steps[0]).toMatchObject({ phase: 'commit', containerId: 'c' });
  });
});

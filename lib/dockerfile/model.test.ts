import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { finalStageInstructions, instructionAtLine, instructionAtStep, parseDockerfile } from './model';

const fixtures = path.join(__dirname, '../build-stream/fixtures');
const dockerfile = (name: string) => readFileSync(path.join(fixtures, `${name}.Dockerfile`), 'utf8');

// "Step N/M : TEXT" lines exactly as the engine printed them for a fixture.
function engineSteps(name: string): { n: number; m: number; text: string }[] {
  let text = '';
  for (const line of readFileSync(path.join(fixtures, `${name}.jsonl`), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const msg = JSON.parse(line) as { stream?: string };
    if (typeof msg.stream === 'string') text += msg.stream;
  }
  return [...text.matchAll(/^Step (\d+)\/(\d+) : (.*)$/gm)].map((m) => ({ n: Number(m[1]), m: Number(m[2]), text: m[3] }));
}

describe('parseDockerfile numbers steps the way the real engine does', () => {
  // Each fixture was built with build labels, which the engine turns into
  // one more LABEL step after the Dockerfile's own.
  const labelled = ['success', 'run-fail', 'copy-missing', 'multi-stage', 'arg-before-from', 'multiline', 'directives', 'python-base', 'cut-off', 'onbuild-child'];
  for (const name of labelled) {
    it(`${name}: every Step line names the instruction the model gives that step`, () => {
      const model = parseDockerfile(dockerfile(name));
      const steps = engineSteps(name);
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) {
        expect(s.m).toBe(model.instructions.length + 1);
        if (s.n > model.instructions.length) {
          expect(s.text).toBe('LABEL org.layerlab.test=lib-fixtures');
          continue;
        }
        const ins = instructionAtStep(model, s.n)!;
        expect(`${ins.keyword} ${ins.args}`).toBe(s.text);
      }
    });
  }

  it('without build labels the engine counts exactly the model\'s steps', () => {
    const model = parseDockerfile(dockerfile('success'));
    const steps = engineSteps('success-unlabelled');
    expect(steps.map((s) => s.n)).toEqual(model.instructions.map((i) => i.step));
    expect(new Set(steps.map((s) => s.m))).toEqual(new Set([model.instructions.length]));
  });
});

describe('parseDockerfile', () => {
  it('gives line ranges, stages and step numbers', () => {
    const model = parseDockerfile(dockerfile('multiline'));
    expect(model.instructions.map(({ keyword, line, endLine, stage, step }) => ({ keyword, line, endLine, stage, step }))).toEqual([
      { keyword: 'FROM', line: 1, endLine: 1, stage: 0, step: 1 },
      { keyword: 'RUN', line: 2, endLine: 7, stage: 0, step: 2 },
      { keyword: 'ENV', line: 8, endLine: 9, stage: 0, step: 3 },
    ]);
    // Continuations joined as the engine joins them: comment and empty lines dropped.
    expect(model.instructions[1].args).toBe('echo one     && echo two     && echo three     && printf "no newline at the end"');
  });

  it('puts ARGs before the first FROM in stage -1 and substitutes their defaults into FROM', () => {
    const model = parseDockerfile(dockerfile('arg-before-from'));
    expect(model.instructions.map((i) => [i.keyword, i.stage, i.step])).toEqual([
      ['ARG', -1, 1], ['ARG', -1, 2], ['FROM', 0, 3], ['ARG', 0, 4], ['RUN', 0, 5],
    ]);
    expect(model.stages).toEqual([{ index: 0, from: 'busybox:latest', line: 3 }]);
    expect(model.baseImages).toEqual(['busybox:latest']);
  });

  it('names stages and leaves references to earlier stages out of the base images', () => {
    const model = parseDockerfile([
      'FROM --platform=linux/amd64 node:18-slim AS Deps',
      'RUN echo deps',
      'FROM deps AS build',
      'COPY --from=deps /a /b',
      'FROM scratch',
      'COPY --from=build /b /c',
      'FROM python:3.11-slim',
      'FROM node:18-slim',
    ].join('\n'));
    expect(model.stages).toEqual([
      { index: 0, name: 'Deps', from: 'node:18-slim', line: 1 },
      { index: 1, name: 'build', from: 'deps', line: 3 },
      { index: 2, from: 'scratch', line: 5 },
      { index: 3, from: 'python:3.11-slim', line: 7 },
      { index: 4, from: 'node:18-slim', line: 8 },
    ]);
    expect(model.baseImages).toEqual(['node:18-slim', 'scratch', 'python:3.11-slim']);
    expect(model.instructions[3]).toMatchObject({ keyword: 'COPY', args: '--from=deps /a /b', stage: 1, step: 4 });
    expect(finalStageInstructions(model).map((i) => i.line)).toEqual([8]);
  });

  it('follows ${VAR:-default} and leaves unknown variables as written', () => {
    const model = parseDockerfile('ARG V\nARG IMG=debian\nFROM ${IMG}:${V:-bookworm-slim}\nFROM $MISSING\nFROM ${IMG:+busybox}');
    expect(model.baseImages).toEqual(['debian:bookworm-slim', '$MISSING', 'busybox']);
  });

  it('reads parser directives and the escape character', () => {
    const model = parseDockerfile(dockerfile('directives'));
    expect(model.directives).toEqual([{ name: 'escape', value: '`' }, { name: 'syntax', value: 'docker/dockerfile:1' }]);
    expect(model.instructions.map((i) => [i.keyword, i.line, i.endLine, i.step])).toEqual([
      ['FROM', 5, 5, 1], ['RUN', 7, 8, 2], ['ONBUILD', 9, 9, 3], ['EXPOSE', 10, 10, 4],
    ]);
    expect(model.instructions[1].args).toBe('echo first     && echo second');
  });

  it('upper-cases keywords written in lower case and finds instructions by line', () => {
    const model = parseDockerfile('from busybox\n\nrun echo a \\\n  b\n');
    expect(model.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN']);
    expect(instructionAtLine(model, 4)?.keyword).toBe('RUN');
    expect(instructionAtLine(model, 2)).toBeUndefined();
    expect(instructionAtStep(model, 2)?.args).toBe('echo a   b');
  });

  it('handles an empty Dockerfile', () => {
    expect(parseDockerfile('')).toEqual({ instructions: [], stages: [], baseImages: [], directives: [] });
    expect(parseDockerfile('# only a comment\n').instructions).toEqual([]);
  });
});

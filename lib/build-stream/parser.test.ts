import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../dockerfile/model';
import { BuildEvent } from '../protocol';
import { createBuildStreamParser } from './parser';

const fixtures = path.join(__dirname, 'fixtures');
const messages = (name: string): unknown[] => readFileSync(path.join(fixtures, `${name}.jsonl`), 'utf8')
  .split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));

// Replays a recorded engine stream through the parser, checking every event
// against the protocol's schema on the way.
function replay(dockerfileName: string, streamName = dockerfileName, options?: { tag?: string | null }, upTo?: number): BuildEvent[] {
  const model = parseDockerfile(readFileSync(path.join(fixtures, `${dockerfileName}.Dockerfile`), 'utf8'));
  const parser = createBuildStreamParser(model, options);
  const events = messages(streamName).slice(0, upTo).flatMap((m) => parser.push(m));
  events.push(...parser.end());
  for (const e of events) expect(BuildEvent.parse(e)).toEqual(e);
  return events;
}

const ofType = <T extends BuildEvent['type']>(events: BuildEvent[], type: T) =>
  events.filter((e): e is Extract<BuildEvent, { type: T }> => e.type === type);
const outputOf = (events: BuildEvent[], index: number) => ofType(events, 'output').filter((e) => e.index === index).map((e) => e.text).join('');
const terminal = (events: BuildEvent[]) => events.filter((e) => e.type === 'done' || e.type === 'error');

describe('build stream parser on recorded engine streams', () => {
  it('success: steps with lines, containers, output, layers, then done with the full id', () => {
    const events = replay('success', 'success', { tag: 'myapp:1' });
    expect(ofType(events, 'step').map((e) => [e.index, e.total, e.instruction.split(' ')[0], e.line, e.stage])).toEqual([
      [1, 7, 'FROM', 1, 0], [2, 7, 'ENV', 2, 0], [3, 7, 'LABEL', 3, 0], [4, 7, 'WORKDIR', 4, 0],
      [5, 7, 'COPY', 5, 0], [6, 7, 'RUN', 6, 0], [7, 7, 'CMD', 7, 0],
    ]);
    // The builder's LABEL step for build labels is not the learner's.
    expect(events.some((e) => 'index' in e && e.index === 8)).toBe(false);
    expect(ofType(events, 'container').map((e) => [e.index, e.containerId])).toEqual([
      [2, 'bc08795e1f48'], [3, '8be71ba8782c'], [4, '1576e3763d6d'], [6, 'b3e735e4c2f9'], [7, 'baf833d975ea'],
    ]);
    expect(outputOf(events, 6)).toBe('hello from the build context\nhello from a build\n');
    expect(ofType(events, 'output').every((e) => e.index === 6)).toBe(true);
    expect(ofType(events, 'layer').map((e) => [e.index, e.imageId, e.cached])).toEqual([
      [1, 'ab0dd57574b6', false], [2, 'ee26fa736c8b', false], [3, 'e79493864982', false], [4, '51293317af46', false],
      [5, '07bd77cee44c', false], [6, '1db6a84f0c86', false], [7, '1af089dc5107', false],
    ]);
    expect(terminal(events)).toEqual([{ type: 'done', imageId: 'sha256:0d15babeba6705c480b94759f7e18ce60940212b39533737d5d6038c1a822532', tag: 'myapp:1' }]);
    expect(events[events.length - 1].type).toBe('done');
  });

  it('success without build labels reports the tag the engine applied when none is given', () => {
    const events = replay('success', 'success-unlabelled');
    expect(ofType(events, 'step').map((e) => e.total)).toEqual([7, 7, 7, 7, 7, 7, 7]);
    expect(terminal(events)).toEqual([{ type: 'done', imageId: 'sha256:a096f34f4a89755709a288b55f30e27a320f46e45ab2271721180f98ca5a304a', tag: 'layerlab-fixture/success:1' }]);
  });

  it('cache hits: every layer cached, no containers, no output', () => {
    const events = replay('success', 'success-cached', { tag: null });
    expect(ofType(events, 'layer').map((e) => [e.index, e.cached])).toEqual([
      [1, false], [2, true], [3, true], [4, true], [5, true], [6, true], [7, true],
    ]);
    // Same layers as the first build: the cache reused them.
    expect(ofType(events, 'layer').map((e) => e.imageId)).toEqual(ofType(replay('success'), 'layer').map((e) => e.imageId));
    expect(ofType(events, 'container')).toEqual([]);
    expect(ofType(events, 'output')).toEqual([]);
    expect(terminal(events)).toEqual([{ type: 'done', imageId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), tag: null }]);
  });

  it('failure in RUN: output up to the failure, stderr marked, an error with index, line and exit code, no done', () => {
    const events = replay('run-fail');
    expect(outputOf(events, 2)).toBe('before\n');
    const failing = ofType(events, 'output').filter((e) => e.index === 3);
    expect(failing).toEqual([
      { type: 'output', index: 3, text: 'about to fail\n' },
      { type: 'output', index: 3, text: 'to stderr\n', stderr: true },
    ]);
    expect(ofType(events, 'layer').map((e) => e.index)).toEqual([1, 2]);
    expect(terminal(events)).toEqual([{
      type: 'error', index: 3, line: 4, code: 'step-failed', exitCode: 3,
      message: 'The command \'/bin/sh -c echo "about to fail" && echo "to stderr" >&2 && exit 3\' returned a non-zero code: 3',
    }]);
    expect(ofType(events, 'step').map((e) => e.index)).toEqual([1, 2, 3]);
  });

  it('unknown instruction: the engine refuses before any step; the error points at the line', () => {
    const events = replay('unknown-instruction');
    expect(events).toEqual([{ type: 'error', message: 'dockerfile parse error line 2: unknown instruction: RUNN', index: 2, line: 2, code: 'parse' }]);
  });

  it('the same refusal reaches the parser as an HTTP error text from a client library', () => {
    const parser = createBuildStreamParser(parseDockerfile('FROM busybox\n\nRUNN x\n'));
    const events = [...parser.push({ message: '(HTTP code 400) unexpected - dockerfile parse error line 3: unknown instruction: RUNN ' }), ...parser.end()];
    expect(events).toMatchObject([{ type: 'error', index: 2, line: 3, code: 'parse' }]);
  });

  it('COPY of a missing file fails at the COPY step', () => {
    const events = replay('copy-missing');
    expect(terminal(events)).toEqual([{
      type: 'error', index: 2, line: 2, code: 'build-failed',
      message: 'COPY failed: file not found in build context or excluded by .dockerignore: stat missing.txt: file does not exist',
    }]);
  });

  it('multi-stage: stage indexes from the model, and done takes the last stage\'s aux id, not the first', () => {
    const events = replay('multi-stage');
    expect(ofType(events, 'step').map((e) => [e.index, e.stage, e.line])).toEqual([
      [1, 0, 1], [2, 0, 2], [3, 0, 3], [4, 1, 5], [5, 1, 6], [6, 1, 7], [7, 1, 8],
    ]);
    expect(outputOf(events, 6)).toBe('built\n');
    expect(terminal(events)).toEqual([{ type: 'done', imageId: 'sha256:84f946462b054990bc743a22bc5b73ec31eea7d424543ba88cce552083356305', tag: 'layerlab-fixture/multi-stage:1' }]);
  });

  it('ARG before FROM: steps without a layer, lines and stage as written', () => {
    const events = replay('arg-before-from');
    expect(ofType(events, 'step').map((e) => [e.index, e.total, e.line, e.stage])).toEqual([
      [1, 5, 1, undefined], [2, 5, 2, undefined], [3, 5, 3, 0], [4, 5, 4, 0], [5, 5, 5, 0],
    ]);
    expect(ofType(events, 'layer').map((e) => e.index)).toEqual([3, 4, 5]);
    expect(outputOf(events, 5)).toBe('base tag is latest\n');
    expect(terminal(events)[0].type).toBe('done');
  });

  it('multi-line RUN: one step spanning its lines; output without a final newline kept; the builder\'s warning before step 1', () => {
    const events = replay('multiline');
    const run = ofType(events, 'step')[1];
    expect([run.index, run.line, run.endLine]).toEqual([2, 2, 7]);
    expect(outputOf(events, 2)).toBe('one\ntwo\nthree\nno newline at the end');
    expect(ofType(events, 'output').filter((e) => e.index === 0)).toEqual([{
      type: 'output', index: 0, stderr: true,
      text: '[WARNING]: Empty continuation line found in:\n    RUN echo one     && echo two     && echo three     && printf "no newline at the end"\n[WARNING]: Empty continuation lines will become errors in a future release.\n',
    }]);
    expect(ofType(events, 'step')[2]).toMatchObject({ index: 3, line: 8, endLine: 9, instruction: 'ENV A=1     B=2' });
  });

  it('comments and directives: numbering skips them, ONBUILD is one step, lines stay the editor\'s', () => {
    const events = replay('directives');
    expect(ofType(events, 'step').map((e) => [e.index, e.instruction.split(' ')[0], e.line, e.endLine])).toEqual([
      [1, 'FROM', 5, 5], [2, 'RUN', 7, 8], [3, 'ONBUILD', 9, 9], [4, 'EXPOSE', 10, 10],
    ]);
    expect(outputOf(events, 2)).toBe('first\nsecond\n');
  });

  it('ONBUILD triggers of the base image run inside the FROM step, in a container of their own', () => {
    const events = replay('onbuild-child');
    expect(ofType(events, 'container').map((e) => [e.index, e.containerId])).toEqual([[1, '76d6b43f716a'], [2, '70a420ef9e9f']]);
    expect(outputOf(events, 1)).toBe('# Executing 1 build trigger\nfor children\n');
    // FROM commits a new image here, not the base image's id.
    expect(ofType(events, 'layer').map((e) => [e.index, e.imageId])).toEqual([[1, '12d7b65e3252'], [2, '40c02b97fc70']]);
    expect(ofType(events, 'step').map((e) => [e.index, e.line])).toEqual([[1, 2], [2, 3]]);
    expect(terminal(events)[0].type).toBe('done');
  });

  it('a stream cut off mid-step is an error at that step, never a success', () => {
    const events = replay('cut-off');
    expect(outputOf(events, 2)).toBe('started\n');
    expect(ofType(events, 'container')).toEqual([{ type: 'container', index: 2, containerId: 'e263296df317' }]);
    expect(terminal(events)).toEqual([{ type: 'error', index: 2, line: 2, code: 'incomplete', message: 'The build stopped before the engine reported success.' }]);
  });

  it('a stream cut after the last layer but before "Successfully built" is still not a success', () => {
    const all = messages('success');
    const cut = all.findIndex((m) => typeof (m as { aux?: unknown }).aux === 'object');
    const events = replay('success', 'success', {}, cut + 1);
    expect(ofType(events, 'layer').length).toBe(7);
    expect(terminal(events)).toMatchObject([{ type: 'error', code: 'incomplete' }]);
  });

  it('emits exactly one terminal event, and nothing after it', () => {
    const model = parseDockerfile(readFileSync(path.join(fixtures, 'run-fail.Dockerfile'), 'utf8'));
    const parser = createBuildStreamParser(model);
    const events = messages('run-fail').flatMap((m) => parser.push(m));
    expect(parser.push({ stream: 'Step 4/5 : RUN echo never' })).toEqual([]);
    expect(parser.push({ errorDetail: { message: 'again' }, error: 'again' })).toEqual([]);
    expect(parser.end()).toEqual([]);
    expect(terminal(events).length).toBe(1);
  });
});

describe('build stream parser on chunking and look-alike output', () => {
  const model = parseDockerfile('FROM busybox:latest\nRUN printf x\nCMD ["sh"]\n');
  const id = 'aaaaaaaaaaaa';

  it('reads several bookkeeping lines in one chunk and a Step header split from its newline', () => {
    const parser = createBuildStreamParser(model, { tag: 't:1' });
    const events = [
      { stream: 'Step 1/3 : FROM busybox:latest\n ---> 0123456789ab\nStep 2/3 : RUN printf x' },
      { stream: '\n' },
      { stream: ` ---> Running in ${id}\n` },
      { stream: 'x' },
      { stream: 'y\nz' },
      { stream: `Removing intermediate container ${id}\n ---> 111111111111\nStep 3/3 : CMD ["sh"]\n ---> Running in bbbbbbbbbbbb\n` },
      { stream: 'Removing intermediate container bbbbbbbbbbbb\n ---> 222222222222\n' },
      { aux: { ID: `sha256:222222222222${'0'.repeat(52)}` } },
      { stream: 'Successfully built 222222222222\nSuccessfully tagged engine/t:1\n' },
    ].flatMap((m) => parser.push(m));
    events.push(...parser.end());
    expect(events.map((e) => e.type)).toEqual(['step', 'layer', 'step', 'container', 'output', 'output', 'layer', 'step', 'container', 'layer', 'done']);
    expect(outputOf(events, 2)).toBe('xy\nz');
    expect(terminal(events)).toEqual([{ type: 'done', imageId: `sha256:222222222222${'0'.repeat(52)}`, tag: 't:1' }]);
  });

  it('treats bookkeeping look-alikes printed by a running step as that step\'s output', () => {
    const parser = createBuildStreamParser(model);
    const events = [
      { stream: 'Step 1/3 : FROM busybox:latest' }, { stream: '\n' }, { stream: ' ---> 0123456789ab\n' },
      { stream: 'Step 2/3 : RUN printf x' }, { stream: '\n' }, { stream: ` ---> Running in ${id}\n` },
      { stream: 'Step 3/3 : CMD ["fake"]\n ---> 999999999999\nSuccessfully built 999999999999\n' },
    ].flatMap((m) => parser.push(m));
    events.push(...parser.end());
    expect(ofType(events, 'step').map((e) => e.index)).toEqual([1, 2]);
    expect(outputOf(events, 2)).toBe('Step 3/3 : CMD ["fake"]\n ---> 999999999999\nSuccessfully built 999999999999\n');
    expect(terminal(events)).toMatchObject([{ type: 'error', code: 'incomplete', index: 2 }]);
  });

  it('names steps in the learner\'s words when the server rewrote image names in what it sent', () => {
    const parser = createBuildStreamParser(parseDockerfile('FROM myapp:1\nRUN echo hi\n'));
    const events = [{ stream: 'Step 1/2 : FROM layerlab/s-0123/myapp:1' }, { stream: '\n' }, { stream: ' ---> 0123456789ab\n' }].flatMap((m) => parser.push(m));
    expect(events[0]).toEqual({ type: 'step', index: 1, total: 2, instruction: 'FROM myapp:1', line: 1, endLine: 1, stage: 0 });
  });

  it('several build labels add several builder steps, none of them reported', () => {
    const parser = createBuildStreamParser(parseDockerfile('FROM busybox\n'), { tag: null });
    const events = [
      { stream: 'Step 1/3 : FROM busybox\n ---> 0123456789ab\n' },
      { stream: 'Step 2/3 : LABEL a=1\n ---> Running in cccccccccccc\n' }, { stream: 'Removing intermediate container cccccccccccc\n ---> 111111111111\n' },
      { stream: 'Step 3/3 : LABEL b=2\n ---> Running in dddddddddddd\n' }, { stream: 'Removing intermediate container dddddddddddd\n ---> 222222222222\n' },
      { stream: 'Successfully built 222222222222\n' },
    ].flatMap((m) => parser.push(m));
    events.push(...parser.end());
    expect(events).toEqual([
      { type: 'step', index: 1, total: 1, instruction: 'FROM busybox', line: 1, endLine: 1, stage: 0 },
      { type: 'layer', index: 1, imageId: '0123456789ab', cached: false },
      { type: 'done', imageId: '222222222222', tag: null },
    ]);
  });

  it('an empty stream is an error, and junk messages are ignored', () => {
    const parser = createBuildStreamParser(model);
    expect([...parser.push(null), ...parser.push('text'), ...parser.push({}), ...parser.end()]).toEqual([
      { type: 'error', code: 'incomplete', message: 'The build stopped before the engine reported success.' },
    ]);
  });

  it('reports pull status lines as output of the FROM step', () => {
    const parser = createBuildStreamParser(model);
    const events = [
      { stream: 'Step 1/3 : FROM busybox:latest\n' },
      { status: 'Pulling from library/busybox', id: 'latest' },
      { status: 'Downloading', progressDetail: { current: 1, total: 2 }, progress: '[=>  ]', id: 'abc' },
    ].flatMap((m) => parser.push(m));
    expect(events).toContainEqual({ type: 'output', index: 1, text: 'latest: Pulling from library/busybox\n' });
    expect(ofType(events, 'output').length).toBe(1);
  });
});

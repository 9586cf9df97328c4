import { describe, expect, it } from 'vitest';
import { commandLine, initialRun, replayRequested, runBusy, runReducer, type RunEvent, type ShareRun } from './replay';

const play = (s: ShareRun, ...events: RunEvent[]) => events.reduce(runReducer, s);

describe('share run', () => {
  const two = initialRun([['sh', 'app.sh'], ['cat', '/etc/os-release']]);

  it('moves from a start through the build to each command', () => {
    let s = play(two, { type: 'start' });
    expect(s).toMatchObject({ run: 1, stage: 'connecting' });
    expect(runBusy(s)).toBe(true);
    s = play(s, { type: 'connected', run: 1 }, { type: 'built', run: 1, imageId: 'sha256:abc' });
    expect(s).toMatchObject({ stage: 'commands', imageId: 'sha256:abc' });
    s = play(s, { type: 'command-started', run: 1, index: 0 });
    expect(s.commands[0].status).toBe('running');
    s = play(s, { type: 'command-finished', run: 1, index: 0, exitCode: 0, output: 'hi\n' });
    expect(s.stage).toBe('commands');
    s = play(s, { type: 'command-started', run: 1, index: 1 }, { type: 'command-failed', run: 1, index: 1, message: 'quota' });
    expect(s.stage).toBe('done');
    expect(s.commands.map((c) => c.status)).toEqual(['done', 'failed']);
    expect(s.commands[0]).toMatchObject({ exitCode: 0, output: 'hi\n' });
    expect(runBusy(s)).toBe(false);
  });

  it('ends at the build when there are no commands', () => {
    const s = play(initialRun([]), { type: 'start' }, { type: 'connected', run: 1 }, { type: 'built', run: 1, imageId: 'x' });
    expect(s.stage).toBe('done');
  });

  it('keeps the failure and starts over clean', () => {
    let s = play(two, { type: 'start' }, { type: 'connected', run: 1 }, { type: 'build-failed', run: 1, message: 'step 2 failed' });
    expect(s).toMatchObject({ stage: 'failed', error: 'step 2 failed' });
    s = play(s, { type: 'start' });
    expect(s).toMatchObject({ run: 2, stage: 'connecting', error: null, imageId: null });
    expect(s.commands.every((c) => c.status === 'waiting')).toBe(true);
  });

  it('ignores a second start while busy, answers of an older run, and moves out of turn', () => {
    const s = play(two, { type: 'start' });
    expect(play(s, { type: 'start' })).toBe(s);
    expect(play(s, { type: 'built', run: 1, imageId: 'x' })).toBe(s); // not connected yet
    const again = play(s, { type: 'connected', run: 1 }, { type: 'build-failed', run: 1, message: 'x' }, { type: 'start' });
    expect(play(again, { type: 'connected', run: 1 })).toBe(again); // run 1 is over
    expect(play(two, { type: 'command-started', run: 0, index: 0 })).toBe(two); // idle
  });
});

describe('replayRequested', () => {
  it.each([
    [{ replay: '1' }, true], [{ replay: 'true' }, true], [{ replay: ['1', '0'] }, true],
    [{ replay: '0' }, false], [{ replay: '' }, false], [{}, false], [{ replay: 'yes please' }, false],
  ])('%j → %s', (query, want) => expect(replayRequested(query)).toBe(want));
});

describe('commandLine', () => {
  it.each([
    [['sh', 'app.sh'], 'sh app.sh'],
    [['sh', '-c', 'echo $HOME'], `sh -c 'echo $HOME'`],
    [['echo', "it's"], `echo 'it'\\''s'`],
    [['ls', '/usr/lib/a=b,c:d@e%f+g'], 'ls /usr/lib/a=b,c:d@e%f+g'],
    [['echo', ''], `echo ''`],
  ])('%j → %s', (argv, want) => expect(commandLine(argv)).toBe(want));
});

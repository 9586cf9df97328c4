// Commit changes as Engine 20.10 applied them, recorded with `docker commit
// -c` on a busybox container created with -e X=key1 -e Y=old:
//   -c 'LABEL $X=1' -c 'ENV Y=$X' -c 'LABEL ${Y}.b=$Y' -c 'ONBUILD LABEL $X=trig'
//     → labels key1=1, key1.b=key1; OnBuild ["LABEL $X=trig"]
//   -c 'RUN echo x'       → "run is not a valid change command"
//   -c 'LABEL a=${B-c}'   → "failed to process \"${B-c}\": missing ':' in substitution"
//   -c 'ENV A'            → "ENV must have two arguments"
//   -c 'label   a="b c"' -c 'onbuild   add  http://x  /' → labels a="b c"; OnBuild ["add  http://x  /"]
import { describe, expect, it } from 'vitest';
import { interpretCommitChanges } from './commit-changes';

const env = ['X=key1', 'Y=old', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'];

describe('interpretCommitChanges', () => {
  it('expands with the container env, ENV taking effect for the changes after it', () => {
    const i = interpretCommitChanges(['LABEL $X=1', 'ENV Y=$X', 'LABEL ${Y}.b=$Y', 'ONBUILD LABEL $X=trig'], env);
    expect(i.labelKeys.filter((l) => !l.onbuild).map((l) => [l.key, l.value, l.line])).toEqual([['key1', '1', 1], ['key1.b', 'key1', 3]]);
    expect(i.onbuildTriggers.map((t) => t.trigger)).toEqual(['LABEL $X=trig']);
    // The trigger's label name is only known in the later build that runs it.
    expect(i.refusals).toMatchObject([{ line: 4, reason: 'unknowable' }]);
  });

  it("refuses what the engine refuses, with the engine's text", () => {
    expect(interpretCommitChanges(['RUN echo x'], env).refusals[0].message).toBe('run is not a valid change command');
    expect(interpretCommitChanges(['LABEL a=${B-c}'], env).refusals[0].message).toBe('failed to process "${B-c}": missing \':\' in substitution');
    expect(interpretCommitChanges(['ENV A'], env).refusals[0].message).toBe('ENV must have two arguments');
  });

  it('keeps lower-case keywords, quotes and the trigger text as the engine stores them', () => {
    const i = interpretCommitChanges(['label   a="b c"', 'onbuild   add  http://x  /'], env);
    expect(i.labelKeys[0]).toMatchObject({ key: 'a', value: 'b c' });
    expect(i.onbuildTriggers.map((t) => t.trigger)).toEqual(['add  http://x  /']);
    expect(i.addSources).toMatchObject([{ expanded: 'http://x', remote: true, onbuild: true, line: 2 }]);
  });

  it('a change holding a newline is two instructions, as the engine joins them', () => {
    expect(interpretCommitChanges(['LABEL a=1\nLABEL b=2'], env).labelKeys.map((l) => [l.key, l.line])).toEqual([['a', 1], ['b', 2]]);
  });
});

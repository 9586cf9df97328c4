import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matchHistoryToDockerfile } from './history-match';
import { parseDockerfile } from './model';

const fixtures = path.join(__dirname, '../build-stream/fixtures');

// GET /images/{id}/history as the engine answered (newest first), turned base first.
function recorded(name: string) {
  const history = readFileSync(path.join(fixtures, `${name}.history.jsonl`), 'utf8').split('\n')
    .filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as { CreatedBy: string })
    .map((h) => ({ createdBy: h.CreatedBy })).reverse();
  const model = parseDockerfile(readFileSync(path.join(fixtures, `${name}.Dockerfile`), 'utf8'));
  return { history, model };
}

describe('matchHistoryToDockerfile on real docker history', () => {
  // Every recorded image ends with the LABEL entry of the build labels, which
  // no Dockerfile line made.
  const cases: [string, (number | undefined)[]][] = [
    ['success', [undefined, 2, 3, 4, 5, 6, 7, undefined]],
    ['multi-stage', [undefined, 6, 7, 8, undefined]],
    ['arg-before-from', [undefined, 4, 5, undefined]],
    ['multiline', [undefined, 2, 8, undefined]],
    ['directives', [undefined, 7, 9, 10, undefined]],
    // The base's own CMD ["python3"] and LABEL look like the Dockerfile's, but sit below its layers.
    ['python-base', [undefined, undefined, undefined, undefined, 2, 3, 4, 5, 6, 7, 8, 9, undefined]],
  ];
  for (const [name, lines] of cases) {
    it(name, () => {
      const { history, model } = recorded(name);
      expect(history.length).toBe(lines.length);
      expect(matchHistoryToDockerfile(history, model)).toEqual(lines);
    });
  }
});

describe('matchHistoryToDockerfile', () => {
  const nop = (s: string) => ({ createdBy: `/bin/sh -c #(nop)  ${s}` });

  it('tells the Dockerfile\'s own last LABEL from the build label on top of it', () => {
    const model = parseDockerfile('FROM busybox\nLABEL course="layers 101"\n');
    const history = [{ createdBy: '' }, nop('LABEL course=layers 101'), nop('LABEL org.layerlab.session=abc')];
    expect(matchHistoryToDockerfile(history, model)).toEqual([undefined, 2, undefined]);
  });

  it('still matches on the keyword when the engine expanded a value', () => {
    const model = parseDockerfile('FROM busybox\nENV PATH=$PATH:/opt/bin\nRUN echo hi\n');
    const history = [{ createdBy: '' }, nop('ENV PATH=/usr/bin:/bin:/opt/bin'), { createdBy: '/bin/sh -c echo hi' }];
    expect(matchHistoryToDockerfile(history, model)).toEqual([undefined, 2, 3]);
  });

  it('follows FROM <earlier stage>: that stage\'s layers are in the image too', () => {
    const model = parseDockerfile('FROM busybox AS base\nRUN echo one\nFROM base\nRUN echo two\n');
    const history = [{ createdBy: '' }, { createdBy: '/bin/sh -c echo one' }, { createdBy: '/bin/sh -c echo two' }];
    expect(matchHistoryToDockerfile(history, model)).toEqual([undefined, 2, 4]);
  });

  it('matches exec-form RUN and COPY destinations', () => {
    const model = parseDockerfile('FROM busybox\nCOPY ["a.txt", "/data/"]\nRUN ["echo", "hi"]\n');
    const history = [{ createdBy: '' }, { createdBy: '/bin/sh -c #(nop) COPY file:0a1b in /data/ ' }, { createdBy: 'echo hi' }];
    expect(matchHistoryToDockerfile(history, model)).toEqual([undefined, 2, 3]);
  });

  it('leaves everything unmatched for an image built elsewhere', () => {
    const model = parseDockerfile('FROM busybox\nRUN echo hi\n');
    expect(matchHistoryToDockerfile([{ createdBy: '' }, nop('CMD ["sh"]')], model)).toEqual([undefined, undefined]);
    expect(matchHistoryToDockerfile([], model)).toEqual([]);
    expect(matchHistoryToDockerfile([{ createdBy: '' }], parseDockerfile(''))).toEqual([undefined]);
  });
});

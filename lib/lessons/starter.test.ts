import { describe, expect, it } from 'vitest';
import { EMPTY_LESSON_DOCKERFILE, lessonStarter } from './starter';

describe('a lesson\'s playground starter', () => {
  it('takes the lesson\'s Dockerfile and files, and the tag its first build task uses', () => {
    const s = lessonStarter({
      starter: { dockerfile: 'FROM busybox:latest\nCOPY a.txt .\n', files: { 'a.txt': 'hi', 'b.tgz': { base64: 'AAAA' } } },
      steps: [
        { id: 'one', view: 'containers', checks: [], solution: [{ do: 'create', as: 'x', image: 'busybox:latest' }] },
        { id: 'two', view: 'layer-stack', checks: [], solution: [{ do: 'build', dockerfile: 'FROM x', tag: 'lab/first:1' }, { do: 'build', dockerfile: 'FROM y', tag: 'lab/second:1' }] },
      ],
    });
    expect(s).toEqual({ dockerfile: 'FROM busybox:latest\nCOPY a.txt .\n', files: { 'a.txt': 'hi', 'b.tgz': { base64: 'AAAA' } }, tag: 'lab/first:1' });
  });

  it('starts from the base image alone when the lesson brings nothing', () => {
    expect(lessonStarter({ steps: [{ id: 'a', view: 'containers', checks: [], solution: [] }] }))
      .toEqual({ dockerfile: EMPTY_LESSON_DOCKERFILE, files: {}, tag: 'myapp:1' });
  });
});

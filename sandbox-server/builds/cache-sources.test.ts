import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../engine/engine';
import { Labels } from '../labels';
import { buildCacheRepo } from '../sessions/names';
import { cacheSources } from './cache-sources';

const image = (Id: string, RepoTags: string[], Labels: Record<string, string> = {}) => ({ Id, RepoTags, Labels }) as unknown as ImageSummary;

describe('cacheSources', () => {
  const images = [
    image('sha256:base', ['busybox:latest', 'busybox:1.35'], { [Labels.catalog]: 'busybox' }),
    image('sha256:mine', ['layerlab/s-aaaaaaaaaaaa/app:1'], { [Labels.session]: 'aaaaaaaaaaaa' }),
    image('sha256:mine-untagged', ['<none>:<none>'], { [Labels.session]: 'aaaaaaaaaaaa' }),
    image('sha256:kept-step', [`${buildCacheRepo('aaaaaaaaaaaa')}:x-0`]),
    image('sha256:theirs', ['layerlab/s-bbbbbbbbbbbb/app:1'], { [Labels.session]: 'bbbbbbbbbbbb' }),
    image('sha256:their-step', [`${buildCacheRepo('bbbbbbbbbbbb')}:x-0`]),
    image('sha256:starter', ['layerlab/s-dddddddddddd/starter:1'], { [Labels.session]: 'dddddddddddd', [Labels.starter]: '0123456789abcdef' }),
    // Built FROM busybox by someone else (the label is inherited): not a base.
    image('sha256:derived', ['myapp:1', 'busybox-fork:1'], { [Labels.catalog]: 'busybox' }),
    // A label alone, on an image no server session built, is not a starter.
    image('sha256:fake-starter', ['<none>:<none>'], { [Labels.starter]: '0123456789abcdef' }),
    // A learner's image with the starter's label: its session is no starter's.
    image('sha256:planted-starter', ['layerlab/s-bbbbbbbbbbbb/x:1'], { [Labels.session]: 'bbbbbbbbbbbb', [Labels.starter]: '0123456789abcdef' }),
  ];
  // The session store's record: which session was made for which starter.
  const starterOf = (id: string) => (id === 'dddddddddddd' ? '0123456789abcdef' : undefined);

  it("names the session's own images and kept steps and the catalog, never another session's", () => {
    const sources = cacheSources('aaaaaaaaaaaa', images);
    expect(sources).toEqual(expect.arrayContaining(['sha256:mine', 'sha256:mine-untagged', 'sha256:kept-step', 'busybox:latest', 'busybox:1.35']));
    expect(sources).not.toContain('sha256:theirs');
    expect(sources).not.toContain('sha256:their-step');
    expect(sources).not.toContain('myapp:1');
    expect(sources).not.toContain('busybox-fork:1');
  });

  it('adds the named starter only, and only when the build names it', () => {
    expect(cacheSources('aaaaaaaaaaaa', images, '0123456789abcdef', starterOf)).toContain('sha256:starter');
    expect(cacheSources('aaaaaaaaaaaa', images, '0123456789abcdef', starterOf)).not.toContain('sha256:fake-starter');
    expect(cacheSources('aaaaaaaaaaaa', images, '0123456789abcdef', starterOf)).not.toContain('sha256:planted-starter');
    expect(cacheSources('aaaaaaaaaaaa', images, '0123456789abcdef')).not.toContain('sha256:starter');
    expect(cacheSources('aaaaaaaaaaaa', images)).not.toContain('sha256:starter');
    expect(cacheSources('aaaaaaaaaaaa', images, 'ffffffffffffffff')).not.toContain('sha256:starter');
  });

  it('is never empty, which would let the builder use every image', () => {
    expect(cacheSources('cccccccccccc', [])).toEqual(['busybox:latest']);
  });
});

import { describe, expect, it } from 'vitest';
import type { ImageSummary } from './engine';
import { changesWatched, watchedIn, type EngineEvent } from './listing-relevance';

const image = (Id: string, RepoTags: string[], Labels: Record<string, string> = {}) => ({ Id, RepoTags, Labels }) as unknown as ImageSummary;
const catalog = { 'org.layerlab.catalog': 'busybox' };

// As Engine 20.10 reported them for `docker tag busybox:latest probe:x`,
// `docker build -t probe:y` FROM busybox, then `docker rmi` of both.
const recorded: Record<string, EngineEvent> = {
  tagSecondName: { Type: 'image', Action: 'tag', Actor: { ID: 'sha256:base', Attributes: { name: 'probe:x', ...catalog } } },
  tagBuilt: { Type: 'image', Action: 'tag', Actor: { ID: 'sha256:built', Attributes: { name: 'probe:y', ...catalog } } },
  untagSecondName: { Type: 'image', Action: 'untag', Actor: { ID: 'sha256:base', Attributes: { name: 'sha256:base', ...catalog } } },
  untagBuilt: { Type: 'image', Action: 'untag', Actor: { ID: 'sha256:built', Attributes: { name: 'sha256:built', ...catalog } } },
  deleteBuilt: { Type: 'image', Action: 'delete', Actor: { ID: 'sha256:built', Attributes: { name: 'sha256:built' } } },
};

describe('which outside changes the images listing must hear', () => {
  const watched = watchedIn([
    image('sha256:base', ['busybox:latest', 'busybox:1.35'], catalog),
    image('sha256:mine', ['layerlab/s-aaaaaaaaaaaa/app:1'], { ...catalog, 'org.layerlab.session': 'aaaaaaaaaaaa' }),
    image('sha256:step', ['layerlab/s-aaaaaaaaaaaa-cache/b:x-0'], catalog),
    image('sha256:theirs', ['myapp:1'], catalog),
  ]);

  it('watches the catalog and the sessions, by id and name, and nothing else', () => {
    expect([...watched.ids].sort()).toEqual(['sha256:base', 'sha256:mine', 'sha256:step']);
    expect(watched.names.has('myapp:1')).toBe(false);
  });

  it("ignores someone's own builds and names, even on a catalog image", () => {
    expect(changesWatched(recorded.tagBuilt, watched)).toBe(false);
    expect(changesWatched(recorded.tagSecondName, watched)).toBe(false);
    expect(changesWatched(recorded.untagBuilt, watched)).toBe(false);
    expect(changesWatched(recorded.deleteBuilt, watched)).toBe(false);
    expect(changesWatched({ Type: 'image', Action: 'untag', Actor: { ID: 'sha256:theirs', Attributes: { name: 'sha256:theirs' } } }, watched)).toBe(false);
  });

  it('hears a name taken off or moved, a new catalog name, and session names', () => {
    expect(changesWatched(recorded.untagSecondName, watched)).toBe(true); // which name went is not said
    expect(changesWatched({ Type: 'image', Action: 'delete', Actor: { ID: 'sha256:mine', Attributes: { name: 'sha256:mine' } } }, watched)).toBe(true);
    // `docker tag myapp:1 busybox:latest`: the catalog's name now points elsewhere.
    expect(changesWatched({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:theirs', Attributes: { name: 'busybox:latest', ...catalog } } }, watched)).toBe(true);
    expect(changesWatched({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:new', Attributes: { name: 'busybox:1.36', ...catalog } } }, watched)).toBe(true);
    expect(changesWatched({ Type: 'image', Action: 'pull', Actor: { ID: 'busybox:1.35', Attributes: { name: 'busybox:1.35' } } }, watched)).toBe(true);
    expect(changesWatched({ Type: 'image', Action: 'tag', Actor: { ID: 'sha256:x', Attributes: { name: 'layerlab/s-bbbbbbbbbbbb/app:1' } } }, watched)).toBe(true);
  });

  it('hears every commit', () => {
    expect(changesWatched({ Type: 'container', Action: 'commit', Actor: { ID: 'c1', Attributes: {} } }, watched)).toBe(true);
  });
});

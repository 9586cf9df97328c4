import { describe, expect, it } from 'vitest';
import { catalogTagsOf, isCatalogImage, Labels, repositoryOf } from './labels';

describe('the catalog', () => {
  const busybox = { [Labels.catalog]: 'busybox' };

  it('is the names in the repository its label names', () => {
    expect(catalogTagsOf(busybox, ['busybox:1.35', 'busybox:latest'])).toEqual(['busybox:1.35', 'busybox:latest']);
    expect(catalogTagsOf({ [Labels.catalog]: 'python' }, ['python:3.11-slim'])).toEqual(['python:3.11-slim']);
  });

  it('leaves out other names for the same image, and images built from it', () => {
    // `docker tag busybox:latest mine:1`: still a catalog image, but mine:1 is no catalog name.
    expect(catalogTagsOf(busybox, ['busybox:latest', 'mine:1'])).toEqual(['busybox:latest']);
    // `docker build -t myapp:1` FROM busybox inherits the label.
    expect(isCatalogImage(busybox, ['myapp:1'])).toBe(false);
    expect(isCatalogImage(busybox, ['<none>:<none>'])).toBe(false);
    expect(isCatalogImage(busybox, null)).toBe(false);
  });

  it("never holds a session's image, whatever its label says", () => {
    expect(isCatalogImage({ [Labels.catalog]: 'layerlab/s-aaaaaaaaaaaa/x' }, ['layerlab/s-aaaaaaaaaaaa/x:1'])).toBe(false);
    expect(isCatalogImage({ ...busybox, [Labels.owners]: 'aaaaaaaaaaaa' }, ['busybox:latest'])).toBe(false);
    // The label of older set-ups ("true") names no repository.
    expect(isCatalogImage({ [Labels.catalog]: 'true' }, ['busybox:latest'])).toBe(false);
  });
});

describe('repositoryOf', () => {
  it('drops the tag and digest, not a registry port', () => {
    expect(repositoryOf('busybox:1.35')).toBe('busybox');
    expect(repositoryOf('busybox')).toBe('busybox');
    expect(repositoryOf('localhost:5000/s-x/app:1')).toBe('localhost:5000/s-x/app');
    expect(repositoryOf('localhost:5000/app')).toBe('localhost:5000/app');
    expect(repositoryOf('debian@sha256:abc')).toBe('debian');
  });
});

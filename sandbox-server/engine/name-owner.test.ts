import { describe, expect, it } from 'vitest';
import { Labels } from '../labels';
import type { ImageSummary } from './engine';
import { matchesLabelFilters, ownedSummary, ownerByNames, withOwnerLabel } from './name-owner';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';

describe('ownership by name', () => {
  it('reads the session from a learner name, a kept name or a registry name, never from a build cache name', () => {
    expect(ownerByNames([`layerlab/s-${A}/myapp:1`])).toBe(A);
    expect(ownerByNames([`layerlab/s-${A}-keep/i:0123`])).toBe(A);
    expect(ownerByNames([`localhost:5000/s-${A}/lab/hello:1`])).toBe(A);
    expect(ownerByNames([`layerlab/s-${A}-cache/b:x-0`])).toBeUndefined();
    expect(ownerByNames(['busybox:latest', '<none>:<none>'])).toBeUndefined();
    expect(ownerByNames([`layerlab/s-${A}x/myapp:1`, 'layerlab/s-short/x:1'])).toBeUndefined();
  });

  it('names no owner when the names point at two sessions', () => {
    expect(ownerByNames([`layerlab/s-${A}/x:1`, `layerlab/s-${B}/x:1`])).toBeUndefined();
  });

  it('adds the owner to the labels; a real session label wins', () => {
    expect(withOwnerLabel({ [Labels.catalog]: 'true' }, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.catalog]: 'true', [Labels.session]: A });
    expect(withOwnerLabel(null, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.session]: A });
    expect(withOwnerLabel({ [Labels.session]: B }, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.session]: B });
    const plain = { Id: 'x', RepoTags: ['busybox:latest'], Labels: { [Labels.catalog]: 'true' } } as unknown as ImageSummary;
    expect(ownedSummary(plain)).toBe(plain);
  });

  it('applies label filters as the engine does: key alone, or key=value', () => {
    const labels = { [Labels.session]: A, [Labels.catalog]: 'true' };
    expect(matchesLabelFilters(labels, [Labels.session])).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=${A}`, `${Labels.catalog}=true`])).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=${B}`])).toBe(false);
    expect(matchesLabelFilters(null, [Labels.session])).toBe(false);
    expect(matchesLabelFilters(null, [])).toBe(true);
  });
});

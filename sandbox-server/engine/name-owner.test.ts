import { describe, expect, it } from 'vitest';
import { Labels, ownedBy } from '../labels';
import type { ImageSummary } from './engine';
import { matchesLabelFilters, ownedSummary, ownersByNames, withOwnerLabel } from './name-owner';

const A = 'aaaaaaaaaaaa';
const B = 'bbbbbbbbbbbb';

describe('ownership by name', () => {
  it('reads the session from a learner name, a kept name or a registry name, never from a build cache name', () => {
    expect(ownersByNames([`layerlab/s-${A}/myapp:1`])).toEqual([A]);
    expect(ownersByNames([`layerlab/s-${A}-keep/i:0123`])).toEqual([A]);
    expect(ownersByNames([`localhost:5000/s-${A}/lab/hello:1`])).toEqual([A]);
    expect(ownersByNames([`layerlab/s-${A}-cache/b:x-0`])).toEqual([]);
    expect(ownersByNames(['busybox:latest', '<none>:<none>'])).toEqual([]);
    expect(ownersByNames([`layerlab/s-${A}x/myapp:1`, 'layerlab/s-short/x:1'])).toEqual([]);
  });

  it('lists every session when two hold one image, and then sets no single session label', () => {
    expect(ownersByNames([`layerlab/s-${B}/x:1`, `layerlab/s-${A}/x:1`])).toEqual([A, B]);
    const labels = withOwnerLabel({}, [`layerlab/s-${B}/x:1`, `layerlab/s-${A}/y:1`]);
    expect(labels).toEqual({ [Labels.owners]: `${A},${B}` });
    expect(ownedBy(labels, A) && ownedBy(labels, B)).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=${A}`])).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=cccccccccccc`])).toBe(false);
    expect(matchesLabelFilters(labels, [Labels.session])).toBe(true);
  });

  it('adds the owner to the labels; the names win over any session label the image carries', () => {
    expect(withOwnerLabel({ [Labels.catalog]: 'busybox' }, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.catalog]: 'busybox', [Labels.owners]: A, [Labels.session]: A });
    expect(withOwnerLabel(null, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.owners]: A, [Labels.session]: A });
    // A label claiming another session (planted by a LABEL, or inherited) is not ownership.
    expect(withOwnerLabel({ [Labels.session]: B }, [`layerlab/s-${A}/x:1`])).toEqual({ [Labels.owners]: A, [Labels.session]: A });
    expect(withOwnerLabel({ [Labels.session]: B, [Labels.owners]: `${A},${B}`, x: '1' }, ['<none>:<none>'])).toEqual({ x: '1' });
    expect(ownedBy(withOwnerLabel({ [Labels.session]: B }, [`layerlab/s-${B}-cache/b:x-0`]), B)).toBe(false);
    // A committed image of the session: its label and its kept name agree.
    expect(withOwnerLabel({ [Labels.session]: A, [Labels.kind]: 'image' }, [`layerlab/s-${A}-keep/i:00ff`])).toEqual({ [Labels.session]: A, [Labels.kind]: 'image', [Labels.owners]: A });
    const plain = { Id: 'x', RepoTags: ['busybox:latest'], Labels: { [Labels.catalog]: 'busybox' } } as unknown as ImageSummary;
    expect(ownedSummary(plain)).toBe(plain);
  });

  it('applies label filters as the engine does: key alone, or key=value', () => {
    const labels = { [Labels.session]: A, [Labels.catalog]: 'busybox' };
    expect(matchesLabelFilters(labels, [Labels.session])).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=${A}`, `${Labels.catalog}=busybox`])).toBe(true);
    expect(matchesLabelFilters(labels, [`${Labels.session}=${B}`])).toBe(false);
    expect(matchesLabelFilters(null, [Labels.session])).toBe(false);
    expect(matchesLabelFilters(null, [])).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import type { Layer } from '../protocol';
import { layerIndexForLine, layerStackAttrs } from './layer-stack';
import fixture from './fixtures/starter-layers.json';

const layers = fixture.layers as Layer[];

describe('layerStackAttrs', () => {
  const attrs = layerStackAttrs(layers, { width: 400 });

  it('draws one block per history entry with the base at the bottom', () => {
    expect(attrs.blocks).toHaveLength(layers.length);
    const ys = attrs.blocks.map((b) => b.y);
    for (let i = 1; i < ys.length; i++) expect(ys[i]).toBeLessThan(ys[i - 1]);
    expect(attrs.blocks[0].y + attrs.blocks[0].height).toBeLessThanOrEqual(attrs.height);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(0);
  });

  it('labels blocks with instruction, short id and size, and draws metadata thin', () => {
    const run = attrs.blocks[2];
    expect(run.instruction).toBe('RUN');
    expect(run.label).toMatch(/^RUN mkdir -p logs/);
    expect(run.detail).toBe('813ee410a9a1 · 18B');
    const env = attrs.blocks[4];
    expect(env.thin).toBe(true);
    expect(env.height).toBeLessThan(run.height);
    expect(layerStackAttrs(layers, { width: 520 }).blocks[4].label).toBe('ENV GREETING=hello from a container');
    expect(env.detail).toBe('f4254c21adfb · 0B');
    expect(attrs.blocks[3].label).toBe('COPY file:5ebc5ce8… in .');
  });

  it('tells base-image layers from the Dockerfile\'s own', () => {
    expect(attrs.blocks[0].fromBase).toBe(true);
    expect(attrs.blocks[0].label).toContain('base image');
    expect(attrs.blocks.slice(1).every((b) => !b.fromBase)).toBe(true);
  });

  it('draws a layer committed on top of a built image as the image\'s own, not as base', () => {
    const committed = [...layers, { id: 'sha256:' + 'b'.repeat(64), createdBy: 'httpd -f -v -p 8080 -h /site', sizeBytes: 6, empty: false }];
    const a = layerStackAttrs(committed, { width: 400 });
    expect(a.blocks[layers.length].fromBase).toBe(false);
    expect(a.blocks[0].fromBase).toBe(true);
  });

  it('names instruction and size for screen readers', () => {
    expect(attrs.blocks[2].ariaLabel).toBe('Layer 3: RUN mkdir -p logs && echo "built by Layerlab" > build-info.txt, 18B');
    expect(attrs.blocks[5].ariaLabel).toContain('metadata only, 0B');
  });

  it('marks cached layers and the highlighted one', () => {
    const a = layerStackAttrs(layers, { width: 400, cachedIds: new Set(['813ee410a9a1']), highlightedIndex: 3 });
    expect(a.blocks.map((b) => b.cached)).toEqual([false, false, true, false, false, false]);
    expect(a.blocks.filter((b) => b.highlighted).map((b) => b.index)).toEqual([3]);
  });

  it('prefers the instruction as written in the build, when the build events name the layer', () => {
    const a = layerStackAttrs(layers, { width: 400, stepText: new Map([['f45306bcba88', 'COPY index.html .']]) });
    expect(a.blocks[3].label).toBe('COPY index.html .');
    expect(a.blocks[3].ariaLabel).toBe('Layer 4: COPY index.html ., 18B');
  });

  it('keeps labels inside narrow blocks', () => {
    const narrow = layerStackAttrs(layers, { width: 160 });
    for (const b of narrow.blocks) expect(b.label.length * 14 * 0.6).toBeLessThanOrEqual(160);
    expect(narrow.blocks[2].label.endsWith('…')).toBe(true);
  });

  it('keeps keys stable when a layer is added on top, so D3 animates only the new one', () => {
    const more = layerStackAttrs([...layers, { id: 'sha256:' + 'a'.repeat(64), createdBy: '/bin/sh -c touch x', sizeBytes: 0, empty: false }], { width: 400 });
    expect(more.blocks.slice(0, layers.length).map((b) => b.key)).toEqual(attrs.blocks.map((b) => b.key));
  });
});

describe('layerIndexForLine', () => {
  it('finds the layer a Dockerfile line made, including continuation lines', () => {
    expect(layerIndexForLine(layers, 4)).toBe(2);
    expect(layerIndexForLine(layers, 7)).toBe(5);
    expect(layerIndexForLine(layers, 2)).toBeNull(); // FROM adds no layer of ours
    const multi = layers.map((l) => (l.line === 4 ? l : l));
    expect(layerIndexForLine(multi, 5, new Map([[4, 5]]))).toBe(3); // COPY's own line wins over RUN's range
    expect(layerIndexForLine(multi.filter((l) => l.line !== 5), 5, new Map([[4, 5]]))).toBe(2);
  });
});

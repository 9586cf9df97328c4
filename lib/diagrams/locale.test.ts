import { describe, expect, it } from 'vitest';
import type { BuildEvent, Container, Layer, WorldSnapshot } from '../protocol';
import { applyBuildEvent, startBuildProgress } from '../world/reducer';
import { buildSceneAttrs, buildTimelineAttrs } from './build-timeline';
import { containersAttrs } from './containers';
import { layerStackAttrs } from './layer-stack';
import { layerSummary } from './text';
import layersFixture from './fixtures/starter-layers.json';

// The diagrams speak the interface's language; English stays as the e2e
// tests and screen-reader users know it.
const layers = layersFixture.layers as Layer[];
const imageId = layers[layers.length - 1].id;

describe('diagram text in Chinese', () => {
  it('layer stack labels and the cached badge', () => {
    const zh = layerStackAttrs(layers, { width: 400, locale: 'zh' });
    const en = layerStackAttrs(layers, { width: 400 });
    expect(zh.blocks[0].ariaLabel).toMatch(/^第 1 层：.*来自基础镜像$/);
    expect(en.blocks[0].ariaLabel).toMatch(/^Layer 1: .*from the base image$/);
    expect(zh.blocks.find((b) => b.thin)?.ariaLabel).toContain('仅元数据');
    expect([zh.cachedText, en.cachedText]).toEqual(['已缓存', 'cached']);
  });

  it('build timeline rows, phases and the scene caption', () => {
    const events: BuildEvent[] = [
      { type: 'step', index: 1, total: 2, instruction: 'FROM busybox:1.35', line: 1 },
      { type: 'layer', index: 1, imageId: 'sha256:ab0dd57574b6', cached: true },
      { type: 'step', index: 2, total: 2, instruction: 'RUN touch /a', line: 2 },
      { type: 'container', index: 2, containerId: '7681fc8dfd1d' },
    ];
    const p = events.reduce(applyBuildEvent, startBuildProgress('b1'));
    const rows = buildTimelineAttrs(p, { width: 500, locale: 'zh' }).rows;
    expect(rows[1].ariaLabel).toBe('第 2 步（共 2 步）：RUN touch /a。运行 进行中，修改 等待中，提交 等待中');
    expect(rows[1].phases.map((x) => x.label)).toEqual(['运行', '修改', '提交']);
    const scene = buildSceneAttrs(p, 'zh');
    expect(scene.caption).toBe('第 2 步：在目前为止的镜像上启动容器 7681fc8dfd1d，运行 RUN。');
    expect(scene.container?.text).toBe('容器 7681fc8d · 运行');
    expect(buildSceneAttrs(p).container?.text).toBe('container 7681fc8d · run');
  });

  it('container cards, their writable layer and the shared stack', () => {
    const c: Container = { id: 'a'.repeat(64), image: 'myapp:1', imageId, state: 'exited', exitCode: 0, createdAt: '2026-11-27T17:00:00Z', cmd: ['sh'], diff: [{ path: '/tmp', kind: 'C' }] };
    const world: WorldSnapshot = { sessionId: 's', at: 'now', containers: [c], images: [{ id: imageId, tags: ['myapp:1'], createdAt: 'now', sizeBytes: 1, catalog: false, layers }] };
    const g = containersAttrs(world, { width: 600, locale: 'zh' }).groups[0];
    expect(g.title).toMatch(/^myapp:1 \(\w+\) · 1 个容器使用这些只读层$/);
    expect(g.cards[0].status).toBe('已退出（0），成功');
    expect(g.cards[0].ariaLabel).toContain('可写层：新增 0，修改 1，删除 0。');
    expect(g.cards[0].writable.title).toBe('可写层');
    expect(g.stack.ariaLabel).toMatch(/^myapp:1 .*的只读层，由它的容器共用$/);
  });
});

describe('the sandbox\'s labels in a layer summary', () => {
  it('names every label key of the one LABEL line, not the base64 value', () => {
    const s = layerSummary('/bin/sh -c #(nop)  LABEL org.layerlab.session=abc123abc123 org.layerlab.dockerfile=RlJPTSBidXN5Ym94Cg==', 'en');
    expect(s).toEqual({ instruction: 'LABEL', text: 'LABEL org.layerlab.session org.layerlab.dockerfile (added by the sandbox)' });
    expect(layerSummary('/bin/sh -c #(nop)  LABEL org.layerlab.session=abc123abc123', 'en').text).toBe('LABEL org.layerlab.session (added by the sandbox)');
  });
});

// Applies build-timeline and build-scene attributes with D3. Phase pills
// change colour as the engine's events arrive; in the scene, the step's
// container sits on the image so far and its layer drops into the stack
// when the engine commits it.
import * as d3 from 'd3';
// d3's bundle is marked side-effect free, so the transition methods it
// patches onto selections must be imported for their effect.
import 'd3-transition';
import type { BuildScene, TimelineAttrs, TimelineRow, TimelinePhase } from '@/lib/diagrams/build-timeline';
import styles from './diagrams.module.css';

export function drawTimeline(svg: SVGSVGElement, attrs: TimelineAttrs, currentIndex: number | null, onRow: (line: number | null) => void) {
  const root = d3.select(svg).attr('viewBox', `0 0 ${attrs.width} ${Math.max(1, attrs.height)}`).attr('height', attrs.height);
  const rows = root.selectAll<SVGGElement, TimelineRow>('g.' + styles.row).data(attrs.rows, (d) => d.key);
  rows.exit().remove();
  const enter = rows.enter().append('g').attr('role', 'listitem').attr('tabindex', 0);
  enter.append('text').attr('class', 'label');
  const all = enter.merge(rows);
  all.attr('class', (d) => `${styles.row} ${d.index === currentIndex ? styles.current : ''}`)
    .attr('transform', (d) => `translate(0,${d.y})`)
    .attr('aria-label', (d) => d.ariaLabel)
    .on('mouseenter focus', (_, d) => onRow(d.line))
    .on('mouseleave blur', () => onRow(null));
  all.select('text.label').attr('class', `label`).attr('x', 0).attr('y', (d) => d.height / 2).attr('dominant-baseline', 'central').text((d) => d.label);
  const phases = all.selectAll<SVGGElement, TimelinePhase>('g.' + styles.phase).data((d) => d.phases.map((p) => ({ ...p, h: d.height })) as (TimelinePhase & { h: number })[], (p) => p.name);
  const pe = phases.enter().append('g').attr('aria-hidden', 'true');
  pe.append('rect');
  pe.append('text');
  const pall = pe.merge(phases as never) as d3.Selection<SVGGElement, TimelinePhase & { h: number }, SVGGElement, TimelineRow>;
  pall.attr('class', (p) => `${styles.phase} ${styles[p.state]}`);
  pall.select('rect').attr('x', (p) => p.x).attr('y', 3).attr('width', (p) => p.width).attr('height', (p) => p.h - 6);
  pall.select('text').attr('x', (p) => p.x + p.width / 2).attr('y', (p) => p.h / 2).attr('dominant-baseline', 'central').text((p) => p.label);
}

const SCENE_W = 244;
const BLOCK_H = 16;
const MAX_BLOCKS = 7;

export function drawScene(svg: SVGSVGElement, scene: BuildScene) {
  const visible = scene.committed.slice(-MAX_BLOCKS);
  // Room for the stack so far plus the step's container on top of it.
  const height = 44 + Math.max(1, visible.length) * (BLOCK_H + 3) + 8;
  const root = d3.select(svg).attr('viewBox', `0 0 ${SCENE_W} ${height}`).attr('height', height).attr('width', SCENE_W);
  const floor = height - 4;
  const yOf = (i: number) => floor - (i + 1) * (BLOCK_H + 3);
  // The step's container sits right on the image so far.
  const containerY = yOf(visible.length - 1) - 36;
  const t = root.transition().duration(450).ease(d3.easeCubicInOut);

  const blocks = root.selectAll<SVGGElement, BuildScene['committed'][number]>('g.sb').data(visible, (d) => d.key);
  blocks.exit().transition(t as never).style('opacity', 0).remove();
  const be = blocks.enter().append('g').attr('class', `sb ${styles.stackBlock}`)
    // A committed layer starts where the container was: it is that
    // container's writable layer, frozen.
    .attr('transform', `translate(20,${Math.max(0, containerY)})`);
  be.append('rect').attr('width', SCENE_W - 40).attr('height', BLOCK_H);
  be.append('text').attr('x', 8).attr('y', BLOCK_H / 2).attr('dominant-baseline', 'central');
  const ball = be.merge(blocks);
  ball.select('text').text((d) => d.label);
  ball.select('rect').style('stroke', (d) => (d.cached ? 'var(--layer-cached)' : null)).style('stroke-dasharray', (d) => (d.cached ? '4 3' : null)).style('stroke-width', 2);
  ball.interrupt().transition(t as never).style('opacity', 1).attr('transform', (_, i) => `translate(20,${yOf(i)})`);

  const data = scene.container ? [scene.container] : [];
  const c = root.selectAll<SVGGElement, NonNullable<BuildScene['container']>>('g.sc').data(data, (d) => d.key);
  c.exit().transition(t as never).style('opacity', 0).remove();
  const ce = c.enter().append('g').attr('class', 'sc').style('opacity', 0).attr('transform', `translate(10,${containerY - 24})`);
  ce.append('rect').attr('width', SCENE_W - 20).attr('height', 30).attr('rx', 7);
  ce.append('text').attr('x', (SCENE_W - 20) / 2).attr('y', 15).attr('text-anchor', 'middle').attr('dominant-baseline', 'central').style('font-size', '12.5px').style('font-weight', 700);
  const call = ce.merge(c);
  call.interrupt().transition(t as never).style('opacity', 1).attr('transform', `translate(10,${containerY})`);
  call.select('rect')
    .style('fill', (d) => (d.state === 'failed' ? 'var(--danger)' : d.state === 'commit' ? 'var(--layer)' : d.state === 'modify' ? 'var(--writable)' : 'color-mix(in srgb, var(--writable) 20%, var(--surface))'))
    .style('stroke', (d) => (d.state === 'failed' ? 'var(--danger)' : 'var(--writable)'))
    .style('stroke-width', 2)
    .style('stroke-dasharray', (d) => (d.state === 'run' ? '6 4' : null));
  call.select('text')
    .style('fill', (d) => (d.state === 'run' ? 'var(--text)' : d.state === 'modify' ? '#1b2230' : '#fff'))
    .text((d) => d.text);
}

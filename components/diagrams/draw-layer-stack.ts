// Applies layer-stack attributes to an <svg> with D3 and animates the change:
// new layers drop onto the stack, removed ones fade. No layout here.
import * as d3 from 'd3';
// d3's bundle is marked side-effect free, so the transition methods it
// patches onto selections must be imported for their effect.
import 'd3-transition';
import type { LayerBlock, LayerStackAttrs } from '@/lib/diagrams/layer-stack';
import styles from './diagrams.module.css';

export interface LayerStackHandlers {
  onHover(index: number | null): void;
  onSelect(index: number): void;
}

const cls = (d: LayerBlock, selected: number | null, fresh: ReadonlySet<string>) => [
  styles.layer,
  d.thin ? styles.thin : '',
  d.cached ? styles.cached : '',
  d.fromBase ? styles.base : '',
  d.highlighted ? styles.hi : '',
  selected === d.index ? styles.selected : '',
  fresh.has(d.key) ? styles.fresh : '',
].filter(Boolean).join(' ');

export function drawLayerStack(
  svg: SVGSVGElement, attrs: LayerStackAttrs, handlers: LayerStackHandlers,
  selected: number | null, fresh: ReadonlySet<string> = new Set(),
) {
  const root = d3.select(svg).attr('viewBox', `0 0 ${attrs.width} ${Math.max(1, attrs.height)}`).attr('height', attrs.height);
  const t = root.transition().duration(350).ease(d3.easeCubicOut);
  // Top layer first in the DOM: screen readers and Tab read it like
  // `docker history`, newest first, the way the stack looks from above.
  const ordered = [...attrs.blocks].reverse();
  const groups = root.selectAll<SVGGElement, LayerBlock>('g.' + styles.layer).data(ordered, (d) => d.key);

  groups.exit().transition(t as never).style('opacity', 0).remove();

  const enter = groups.enter().append('g')
    .attr('role', 'listitem')
    .attr('tabindex', 0)
    .attr('transform', (d) => `translate(${d.x},${d.y - 30})`)
    .style('opacity', 0);
  enter.append('title');
  enter.append('rect').attr('class', styles.body);
  enter.append('text').attr('class', 'label');
  enter.append('text').attr('class', styles.detail);
  const badge = enter.append('g').attr('class', 'badge');
  badge.append('rect').attr('class', styles.badgeBg).attr('rx', 4);
  badge.append('text').attr('class', styles.badge);

  const all = enter.merge(groups);
  all.order()
    .attr('class', (d) => cls(d, selected, fresh))
    .attr('aria-label', (d) => d.ariaLabel)
    .attr('data-index', (d) => d.index)
    .attr('data-line', (d) => d.line ?? null)
    .on('mouseenter', (_, d) => handlers.onHover(d.index))
    .on('mouseleave', () => handlers.onHover(null))
    .on('focus', (_, d) => handlers.onHover(d.index))
    .on('blur', () => handlers.onHover(null))
    .on('click', (_, d) => handlers.onSelect(d.index))
    .on('keydown', function (event: KeyboardEvent, d) {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); handlers.onSelect(d.index); }
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const sib = event.key === 'ArrowDown' ? this.nextElementSibling : this.previousElementSibling;
        (sib as SVGGElement | null)?.focus();
      }
    });
  all.interrupt().transition(t as never)
    .attr('transform', (d) => `translate(${d.x},${d.y})`)
    .style('opacity', 1);
  all.select('title').text((d) => `${d.fullText}\n${d.detail}`);
  all.select('rect.' + styles.body)
    .attr('width', (d) => d.width)
    .attr('height', (d) => d.height);
  all.select('text.label')
    .attr('x', (d) => (d.cached ? 74 : 12))
    .attr('y', (d) => (d.thin ? d.height / 2 : 16))
    .attr('dominant-baseline', 'central')
    .text((d) => d.label);
  all.select('text.' + styles.detail)
    .attr('x', (d) => (d.thin ? d.width - 12 : d.cached ? 74 : 12))
    .attr('y', (d) => (d.thin ? d.height / 2 : 33))
    .attr('dominant-baseline', 'central')
    .attr('text-anchor', (d) => (d.thin ? 'end' : 'start'))
    .text((d) => d.detail);
  const b = all.select<SVGGElement>('g.badge').style('display', (d) => (d.cached ? null : 'none'))
    .attr('transform', (d) => `translate(8,${(d.thin ? d.height : 32) / 2 - 9 + (d.thin ? 0 : 8)})`);
  b.select('rect').attr('width', 58).attr('height', 18);
  b.select('text').text(attrs.cachedText).attr('x', 29).attr('y', 9).attr('text-anchor', 'middle').attr('dominant-baseline', 'central');
}

// Applies containers attributes with D3: one shared read-only stack per
// image, each container's writable layer above it (diff rows keyed by path so
// new changes fade in), and a process-space boundary while it runs.
import * as d3 from 'd3';
// d3's bundle is marked side-effect free, so the transition methods it
// patches onto selections must be imported for their effect.
import 'd3-transition';
import type { ContainerCard, ContainersAttrs, DiffRow, ImageGroup, StackBlock } from '@/lib/diagrams/containers';
import styles from './diagrams.module.css';

export interface ContainersHandlers { onSelect(id: string): void }

function ensureDefs(root: d3.Selection<SVGSVGElement, unknown, null, undefined>) {
  if (!root.select('defs').empty()) return;
  const p = root.append('defs').append('pattern').attr('id', 'whiteout-hatch').attr('width', 6).attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse').attr('patternTransform', 'rotate(45)');
  p.append('rect').attr('width', 6).attr('height', 6).attr('fill', 'var(--surface)');
  p.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 6).attr('stroke', 'var(--deleted)').attr('stroke-width', 2);
}

export function drawContainers(svg: SVGSVGElement, attrs: ContainersAttrs, selected: string | null, h: ContainersHandlers) {
  // A margin for the selection frame, which is drawn just outside each card.
  const root = d3.select(svg).attr('viewBox', `-6 -6 ${attrs.width + 12} ${Math.max(1, attrs.height) + 12}`).attr('height', attrs.height + 12);
  ensureDefs(root);
  const t = root.transition().duration(350).ease(d3.easeCubicOut);
  const groups = root.selectAll<SVGGElement, ImageGroup>('g.group').data(attrs.groups, (d) => d.key);
  groups.exit().transition(t as never).style('opacity', 0).remove();
  const ge = groups.enter().append('g').attr('class', 'group').attr('role', 'presentation').style('opacity', 0);
  ge.append('text').attr('class', styles.groupTitle).attr('y', 14);
  ge.append('g').attr('class', 'stack').attr('role', 'img');
  ge.append('g').attr('class', 'cards').attr('role', 'presentation');
  const gall = ge.merge(groups);
  gall.transition(t as never).style('opacity', 1);
  gall.select('text.' + styles.groupTitle).attr('transform', (d) => `translate(0,${d.y})`).text((d) => d.title);

  gall.select<SVGGElement>('g.stack').each(function (g) {
    const s = d3.select(this).attr('transform', `translate(${g.stack.x},${g.stack.y})`)
      .attr('aria-label', g.stack.ariaLabel);
    const bl = s.selectAll<SVGGElement, StackBlock>('g.' + styles.stackBlock).data(g.stack.blocks, (b) => b.key);
    bl.exit().remove();
    const be = bl.enter().append('g');
    be.append('rect');
    be.append('text').attr('x', 8).attr('dominant-baseline', 'central');
    const ball = be.merge(bl).attr('class', (b) => `${styles.stackBlock} ${b.thin ? styles.thin : ''}`)
      .attr('transform', (b) => `translate(0,${b.y})`);
    ball.select('rect').attr('width', g.stack.width).attr('height', (b) => b.height);
    ball.select('text').attr('y', (b) => b.height / 2).text((b) => b.label);
    s.selectAll('text.' + styles.stackHidden).data(g.stack.hidden ? [g.stack.hidden] : []).join('text')
      .attr('class', styles.stackHidden).attr('x', 8).attr('y', g.stack.height - 6)
      .text(g.stack.hiddenText);
  });

  gall.select<SVGGElement>('g.cards').each(function (g) {
    const cards = d3.select(this).selectAll<SVGGElement, ContainerCard>('g.' + styles.card).data(g.cards, (c) => c.key);
    cards.exit().transition(t as never).style('opacity', 0).remove();
    const ce = cards.enter().append('g').attr('role', 'listitem').attr('tabindex', 0).style('opacity', 0);
    ce.append('rect').attr('class', styles.frame);
    ce.append('line').attr('class', `${styles.connector} c1`);
    ce.append('line').attr('class', `${styles.connector} c2`);
    ce.append('rect').attr('class', `${styles.process} proc`);
    ce.append('text').attr('class', styles.processLabel);
    ce.append('text').attr('class', styles.title);
    ce.append('text').attr('class', styles.status);
    ce.append('rect').attr('class', styles.writable);
    ce.append('text').attr('class', styles.writableTitle);
    ce.append('g').attr('class', 'rows');
    ce.append('text').attr('class', `more ${styles.status}`);
    const call = ce.merge(cards);
    call.attr('class', (c) => `${styles.card} ${styles[c.state] ?? ''} ${c.outcome === 'success' ? styles.succeeded : ''} ${selected === c.id ? styles.selected : ''}`)
      .attr('aria-label', (c) => c.ariaLabel)
      .attr('data-container-id', (c) => c.id)
      .attr('aria-current', (c) => (selected === c.id ? 'true' : null))
      .on('click', (_, c) => h.onSelect(c.id))
      .on('keydown', (e: KeyboardEvent, c) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); h.onSelect(c.id); } });
    call.transition(t as never).style('opacity', 1);
    call.select('rect.' + styles.frame).attr('x', (c) => c.x - 4).attr('y', (c) => c.y - 4).attr('width', (c) => c.width + 8).attr('height', (c) => c.height + 8);
    call.select('text.' + styles.title).attr('x', (c) => c.x + 4).attr('y', (c) => c.y + 16).text((c) => c.title);
    call.select('text.' + styles.status).attr('x', (c) => c.x + 4).attr('y', (c) => c.y + 35).text((c) => c.status);
    // The union view reaches down through the shared stack.
    const stackTop = g.stack.y;
    call.select('line.c1').attr('x1', (c) => c.writable.x + 14).attr('x2', (c) => c.writable.x + 14)
      .attr('y1', (c) => c.writable.y + c.writable.height).attr('y2', stackTop);
    call.select('line.c2').attr('x1', (c) => c.writable.x + c.writable.width - 14).attr('x2', (c) => c.writable.x + c.writable.width - 14)
      .attr('y1', (c) => c.writable.y + c.writable.height).attr('y2', stackTop);
    call.select('rect.proc')
      .attr('x', (c) => c.process?.x ?? c.x).attr('y', (c) => c.process?.y ?? c.y).attr('width', (c) => c.process?.width ?? c.width)
      .attr('height', (c) => c.process?.height ?? 0)
      .transition(t as never).style('opacity', (c) => (c.process ? 1 : 0));
    call.select('text.' + styles.processLabel).attr('x', (c) => c.x + 10).attr('y', (c) => (c.process?.y ?? c.y) + 17)
      .text((c) => c.process?.label ?? '');
    call.select('rect.' + styles.writable).attr('x', (c) => c.writable.x).attr('y', (c) => c.writable.y)
      .attr('width', (c) => c.writable.width).attr('height', (c) => c.writable.height);
    call.select('text.' + styles.writableTitle).attr('x', (c) => c.writable.x + 10).attr('y', (c) => c.writable.y + 20)
      .text((c) => c.writable.title);
    call.select('text.more').attr('x', (c) => c.writable.x + 10)
      .attr('y', (c) => c.writable.y + c.writable.height - 6)
      .text((c) => c.writable.moreText);
    call.select<SVGGElement>('g.rows').each(function (c) {
      const rows = d3.select(this).selectAll<SVGGElement, DiffRow>('g.' + styles.diff).data(c.writable.rows, (r) => r.key);
      rows.exit().remove();
      const re = rows.enter().append('g').style('opacity', 0);
      re.append('rect').attr('class', styles.whiteout).attr('height', 16).attr('rx', 3);
      re.append('text').attr('class', styles.kind);
      re.append('text').attr('class', styles.path);
      const rall = re.merge(rows).attr('class', (r) => `${styles.diff} ${styles[r.kind]}`);
      rall.transition(t as never).style('opacity', 1);
      rall.select('rect').attr('x', c.writable.x + 6).attr('y', (r) => r.y - 11).attr('width', c.writable.width - 12)
        .style('display', (r) => (r.whiteout ? null : 'none'));
      rall.select('text.' + styles.kind).attr('x', c.writable.x + 12).attr('y', (r) => r.y).text((r) => r.kind);
      rall.select('text.' + styles.path).attr('x', c.writable.x + 30).attr('y', (r) => r.y).text((r) => r.label);
    });
  });
}

// The seed's `docker commit` picture: the writable layer hardens into a
// read-only block and drops onto the stack. Played while the engine commits.
export function animateCommit(svg: SVGSVGElement, attrs: ContainersAttrs, containerId: string): Promise<void> {
  for (const g of attrs.groups) {
    const c = g.cards.find((k) => k.id === containerId);
    if (!c) continue;
    const ghost = d3.select(svg).append('rect').attr('class', styles.writable)
      .attr('x', c.writable.x).attr('y', c.writable.y).attr('width', c.writable.width).attr('height', c.writable.height)
      .attr('rx', 7).attr('aria-hidden', 'true');
    return ghost.transition().duration(500).style('fill', 'var(--layer)').style('stroke', 'var(--layer)')
      .transition().duration(650).ease(d3.easeCubicIn)
      .attr('x', g.stack.x).attr('width', g.stack.width).attr('y', g.stack.y - 24).attr('height', 20)
      .transition().duration(400).style('opacity', 0).remove()
      .end().catch(() => undefined);
  }
  return Promise.resolve();
}

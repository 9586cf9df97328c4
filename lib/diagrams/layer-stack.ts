// Layer stack of one image: pure attributes for the D3 view. Base at the
// bottom, one block per history entry, metadata-only entries drawn thin.
import type { Layer } from '../protocol';
import { fitText, formatBytes, layerSummary, shortId } from './text';
import { t, type Locale } from '../i18n';

export interface LayerBlock {
  key: string;          // stable across redraws so D3 can animate growth
  index: number;        // 0 = base, as in the image's layer list
  x: number; y: number; width: number; height: number;
  instruction: string;
  label: string;        // fitted to the block
  fullText: string;     // untruncated, for the tooltip
  detail: string;       // short id · size, right-aligned
  thin: boolean;
  cached: boolean;
  fromBase: boolean;    // inherited from FROM: no Dockerfile line of ours
  highlighted: boolean;
  line?: number;
  ariaLabel: string;
}

export interface LayerStackOptions {
  width: number;
  blockHeight?: number;
  thinHeight?: number;
  gap?: number;
  fontPx?: number;
  cachedIds?: ReadonlySet<string>;
  highlightedIndex?: number | null;
  // The instruction as the learner wrote it, by short layer id, from this
  // session's build events: history prints `COPY file:<hash> in .` instead.
  stepText?: ReadonlyMap<string, string>;
  locale?: Locale;
}

export interface LayerStackAttrs { blocks: LayerBlock[]; height: number; width: number; cachedText: string }

export function layerStackAttrs(layers: readonly Layer[], opts: LayerStackOptions): LayerStackAttrs {
  const { width, blockHeight = 46, thinHeight = 20, gap = 4, fontPx = 14, locale = 'en' } = opts;
  const heights = layers.map((l) => (l.empty ? thinHeight : blockHeight));
  const total = heights.reduce((a, h) => a + h + gap, 0);
  const blocks: LayerBlock[] = [];
  // Layers under the first one our Dockerfile made come from the base image;
  // line-less layers above it were made later, e.g. by `docker commit`.
  const firstOwn = layers.findIndex((l) => l.line !== undefined);
  // Base first in the list, but drawn at the bottom: walk up from the floor.
  let y = total;
  for (let i = 0; i < layers.length; i++) {
    const l = layers[i];
    const h = heights[i];
    y -= h + gap;
    const summary = layerSummary(l.createdBy, locale);
    const parsed = summary.instruction;
    const text = (l.id && opts.stepText?.get(shortId(l.id))) || summary.text;
    const instruction = l.instruction ?? parsed;
    const size = formatBytes(l.sizeBytes);
    const id = l.id && l.id !== '<missing>' ? shortId(l.id) : '';
    const detail = [id, size].filter(Boolean).join(' · ');
    // Build events carry short ids, history full ones: compare short.
    const cached = Boolean(opts.cachedIds && l.id && opts.cachedIds.has(shortId(l.id)));
    const fromBase = l.line === undefined && (firstOwn === -1 || i < firstOwn);
    // Thin blocks have room for one line: the size sits at the right end.
    // Full blocks put the id and size on a second line under the label.
    const badgePx = cached ? 66 : 0;
    const labelRoom = l.empty ? width - badgePx - (detail.length + 3) * fontPx * 0.55 - 24 : width - badgePx - 24;
    blocks.push({
      key: `${i}:${l.id}:${l.createdBy}`,
      index: i,
      x: 0, y, width, height: h,
      instruction,
      label: fitText(text, Math.max(0, labelRoom), l.empty ? fontPx - 2 : fontPx),
      fullText: text,
      detail,
      thin: l.empty,
      cached,
      fromBase,
      highlighted: opts.highlightedIndex === i,
      line: l.line,
      ariaLabel: t(locale, l.empty ? 'dia.layer.ariaMeta' : 'dia.layer.aria', { n: i + 1, text, size })
        + (cached ? t(locale, 'dia.layer.ariaCached') : '') + (fromBase ? t(locale, 'dia.layer.ariaBase') : ''),
    });
  }
  return { blocks, height: total, width, cachedText: t(locale, 'play.cached') };
}

// The layer made by the instruction under the editor's cursor, if any.
export function layerIndexForLine(layers: readonly Layer[], line: number, ranges?: ReadonlyMap<number, number>): number | null {
  for (let i = layers.length - 1; i >= 0; i--) {
    const start = layers[i].line;
    if (start === undefined) continue;
    const end = ranges?.get(start) ?? start;
    if (line >= start && line <= end) return i;
  }
  return null;
}

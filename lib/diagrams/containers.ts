// Containers diagram: every container is its image's read-only stack (drawn
// once per image, shared by all its containers) plus its own writable layer
// listing the live `docker diff`. Running containers get a process-space
// boundary with their PID 1 command, as the seed's "running container" figure.
import type { Container, DiffEntry, Image, WorldSnapshot } from '../protocol';
import { fitText, formatBytes, layerSummary, shortId } from './text';
import { t, type Locale, type MessageKey } from '../i18n';

export interface DiffRow { key: string; kind: DiffEntry['kind']; label: string; y: number; whiteout: boolean }
export interface ContainerCard {
  key: string;
  id: string;
  x: number; y: number; width: number; height: number;
  state: Container['state'];
  // How an exited container ended: exit code 0 is a success, anything else a failure.
  outcome: 'success' | 'failure' | null;
  title: string;
  status: string;
  writable: { x: number; y: number; width: number; height: number; rows: DiffRow[]; more: number; empty: boolean; title: string; moreText: string };
  process: null | { x: number; y: number; width: number; height: number; label: string };
  ariaLabel: string;
}
export interface StackBlock { key: string; y: number; height: number; label: string; thin: boolean }
export interface ImageGroup {
  key: string;
  imageId: string;
  x: number; y: number; width: number; height: number;
  title: string;
  stack: { x: number; y: number; width: number; height: number; blocks: StackBlock[]; hidden: number; ariaLabel: string; hiddenText: string };
  cards: ContainerCard[];
}
export interface ContainersAttrs { groups: ImageGroup[]; width: number; height: number }

export interface ContainersOptions {
  width: number;
  cardWidth?: number;
  maxDiffRows?: number;
  maxStackBlocks?: number;
  fontPx?: number;
  // As in the layer stack: instructions as written, by short layer id.
  stepText?: ReadonlyMap<string, string>;
  locale?: Locale;
}

const ROW = 20;
const HEADER = 44;     // card title + status above the writable layer
const PROC_PAD = 10;   // process-space boundary around the writable layer
const PROC_LABEL = 22;
const BLOCK = 20;
const THIN = 8;

const KIND_ORDER: Record<DiffEntry['kind'], number> = { A: 0, D: 1, C: 2 };

// Parent directories show up as "C" whenever anything below them changes;
// the learner's own additions and deletions matter more when space is short.
export function sortDiff(diff: readonly DiffEntry[]): DiffEntry[] {
  return [...diff].sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.path.localeCompare(b.path));
}

const STATE_WORD: Record<Container['state'], MessageKey> = {
  created: 'play.state.created', running: 'play.state.running', paused: 'play.state.paused', exited: 'play.state.exited',
  restarting: 'dia.state.restarting', removing: 'dia.state.removing', dead: 'dia.state.dead',
};

export function outcomeOf(c: Container): ContainerCard['outcome'] {
  if (c.state !== 'exited' && c.state !== 'dead') return null;
  return c.exitCode === 0 && !c.oomKilled ? 'success' : 'failure';
}

export function stateText(c: Container, locale: Locale = 'en'): string {
  if (c.state === 'exited' || c.state === 'dead') {
    const end = c.oomKilled ? 'dia.container.oom' : outcomeOf(c) === 'success' ? 'dia.container.succeeded' : 'dia.container.failed';
    return t(locale, 'dia.container.exited', { code: c.exitCode ?? '?' }) + t(locale, end);
  }
  return t(locale, STATE_WORD[c.state]);
}

function imageTitle(image: Image | undefined, imageId: string, locale: Locale): string {
  if (!image) return t(locale, 'dia.container.image', { id: shortId(imageId) });
  const tag = image.tags[0];
  return tag ? `${tag} (${shortId(image.id)})` : t(locale, 'dia.container.image', { id: shortId(image.id) });
}

export function containersAttrs(world: WorldSnapshot | null, opts: ContainersOptions): ContainersAttrs {
  const { width, maxDiffRows = 6, maxStackBlocks = 10, fontPx = 13, locale = 'en' } = opts;
  const cardWidth = Math.min(opts.cardWidth ?? 280, Math.max(150, width - 16));
  const containers = world?.containers ?? [];
  const images = new Map((world?.images ?? []).map((i) => [i.id, i]));
  const byImage = new Map<string, Container[]>();
  for (const c of containers) {
    const list = byImage.get(c.imageId) ?? [];
    list.push(c);
    byImage.set(c.imageId, list);
  }
  const gap = 14;
  const perRow = Math.max(1, Math.floor((width + gap) / (cardWidth + gap)));
  const groups: ImageGroup[] = [];
  let y = 0;
  for (const [imageId, list] of byImage) {
    const image = images.get(imageId);
    list.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    const rows = Math.ceil(list.length / perRow);
    const cols = Math.min(perRow, list.length);
    const groupWidth = Math.max(cardWidth, cols * cardWidth + (cols - 1) * gap);
    // One height for every card in a group, so the shared stack lines up.
    const tallest = Math.max(...list.map((c) => Math.min(maxDiffRows, c.diff?.length ?? 0) + ((c.diff?.length ?? 0) > maxDiffRows ? 1 : 0)));
    const writableH = 40 + Math.max(1, tallest) * ROW;
    const cardH = HEADER + PROC_LABEL + PROC_PAD + writableH + PROC_PAD;
    const cards = list.map((c, k): ContainerCard => {
      const col = k % perRow;
      const row = Math.floor(k / perRow);
      const x = col * (cardWidth + gap);
      const cy = y + 26 + row * (cardH + gap);
      const sorted = sortDiff(c.diff ?? []);
      const shown = sorted.slice(0, maxDiffRows);
      const wy = cy + HEADER + PROC_LABEL + PROC_PAD;
      const wx = x + PROC_PAD;
      const ww = cardWidth - 2 * PROC_PAD;
      const running = c.state === 'running' || c.state === 'paused' || c.state === 'restarting';
      const cmd = c.cmd.join(' ');
      const diffRows = shown.map((d, i): DiffRow => ({
        key: `${d.kind}:${d.path}`,
        kind: d.kind,
        label: fitText(d.path, ww - 40, fontPx - 1),
        y: wy + 44 + i * ROW,
        whiteout: d.kind === 'D',
      }));
      const counts = { A: 0, C: 0, D: 0 };
      const more = Math.max(0, sorted.length - shown.length);
      for (const d of c.diff ?? []) counts[d.kind]++;
      return {
        key: c.id,
        id: c.id,
        x, y: cy, width: cardWidth, height: cardH,
        state: c.state,
        outcome: outcomeOf(c),
        title: fitText(c.name ? `${c.name} · ${shortId(c.id)}` : t(locale, 'dia.container.title', { id: shortId(c.id) }), cardWidth - 12, fontPx),
        status: stateText(c, locale),
        writable: {
          x: wx, y: wy, width: ww, height: writableH, rows: diffRows, more, empty: sorted.length === 0,
          title: t(locale, sorted.length === 0 ? 'dia.container.writableEmpty' : 'dia.container.writable'),
          moreText: more ? t(locale, 'dia.container.more', { n: more }) : '',
        },
        process: running
          ? { x, y: cy + HEADER, width: cardWidth, height: cardH - HEADER, label: fitText(`PID 1: ${cmd}`, cardWidth - 16, fontPx - 1) }
          : null,
        ariaLabel: t(locale, 'dia.container.aria', {
          id: shortId(c.id), state: stateText(c, locale), cmd: cmd || t(locale, 'dia.container.defaultCmd'), image: imageTitle(image, imageId, locale),
          added: counts.A, changed: counts.C, deleted: counts.D,
        }),
      };
    });
    const cardsBottom = y + 26 + rows * (cardH + gap) - gap;
    const layers = image?.layers ?? [];
    const visible = layers.slice(-maxStackBlocks);
    const hidden = layers.length - visible.length;
    let sy = 0;
    const blocks: StackBlock[] = [];
    // Top layer first, directly under the writable layers it supports.
    for (let i = visible.length - 1; i >= 0; i--) {
      const l = visible[i];
      const h = l.empty ? THIN : BLOCK;
      const text = opts.stepText?.get(shortId(l.id)) ?? layerSummary(l.createdBy, locale).text;
      blocks.push({
        key: `${layers.length - visible.length + i}:${l.id}`,
        y: sy, height: h,
        label: l.empty ? '' : fitText(`${text} · ${formatBytes(l.sizeBytes)}`, groupWidth - 16, fontPx - 2),
        thin: l.empty,
      });
      sy += h + 2;
    }
    const stackH = sy + (hidden > 0 ? BLOCK : 0);
    const name = imageTitle(image, imageId, locale);
    const stack = {
      x: 0, y: cardsBottom + 8, width: groupWidth, height: stackH, blocks, hidden,
      ariaLabel: t(locale, 'dia.container.stackAria', { image: name }),
      hiddenText: hidden === 1 ? t(locale, 'dia.container.hiddenOne') : t(locale, 'dia.container.hidden', { n: hidden }),
    };
    const groupH = stack.y + stackH - y + 6;
    groups.push({
      key: imageId, imageId, x: 0, y, width: groupWidth, height: groupH,
      title: list.length === 1 ? t(locale, 'dia.container.groupTitleOne', { image: name }) : t(locale, 'dia.container.groupTitle', { image: name, n: list.length }),
      stack, cards,
    });
    y += groupH + 24;
  }
  return { groups, width, height: Math.max(0, y - 24) };
}

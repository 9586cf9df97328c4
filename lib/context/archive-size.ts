// How much disk the engine's ADD would write when it unpacks a context file.
// Pure, no I/O: the caller decompresses and pushes the bytes in.
//
// The classic builder (Engine 20.10, builder/dockerfile/copy.go) unpacks an
// ADD source when, after decompression by content (pkg/archive's
// DetectCompression: gzip, bzip2, xz; verified here: zstd is copied as it is),
// its first tar header reads without error. File names play no part, so every
// context file is a candidate. Go's archive/tar rules are followed where they
// decide the size: base-256 numbers, PAX `size`, and sparse entries (old GNU
// `S` and PAX GNU.sparse.*), whose holes the builder writes out as zeros.

export type Compression = 'gzip' | 'bzip2' | 'xz' | 'none';

const startsWith = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);

// The magic numbers pkg/archive checks, in its order.
export function detectCompression(head: Uint8Array): Compression {
  if (startsWith(head, [0x42, 0x5a, 0x68])) return 'bzip2';
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return 'gzip';
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return 'xz';
  return 'none';
}

// What one entry costs on the data root besides its bytes: an inode and a
// directory slot, rounded to a block, so a million empty files are not free.
export const ENTRY_OVERHEAD = 4096;
const BLOCK = 512;
// Go's archive/tar refuses PAX and GNU long-name records larger than this.
const MAX_SPECIAL = 1 << 20;

export interface TarSize {
  /** not-tar: the builder copies the file as it is (its size is the context's). */
  kind: 'unknown' | 'tar' | 'not-tar';
  /** Bytes the unpacked entries take (rounded to 4 KiB, plus ENTRY_OVERHEAD each). */
  bytes: number;
  entries: number;
  /** The sum went past the cap; counting stopped there. */
  over: boolean;
  /** No more input is needed: end of archive, past the cap, not a tar, or a broken header. */
  finished: boolean;
}

const roundUp = (n: number, to: number) => Math.ceil(n / to) * to;

function parseNumeric(b: Uint8Array): number {
  // Base-256 (GNU): the high bit of the first byte is set.
  if (b.length > 0 && (b[0] & 0x80) !== 0) {
    let n = b[0] & 0x3f; // sign bit 0x40: negative sizes are refused by Go
    if ((b[0] & 0x40) !== 0) return NaN;
    for (let i = 1; i < b.length; i++) n = n * 256 + b[i];
    return n;
  }
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  s = s.replace(/^[ \0]+|[ \0]+$/g, '');
  if (s === '') return 0;
  return /^[0-7]+$/.test(s) ? parseInt(s, 8) : NaN;
}

function checksumOk(h: Uint8Array): boolean {
  const want = parseNumeric(h.subarray(148, 156));
  if (Number.isNaN(want)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : h[i];
    unsigned += c;
    signed += c > 127 ? c - 256 : c;
  }
  return want === unsigned || want === signed;
}

const isZero = (h: Uint8Array) => h.every((c) => c === 0);

// Types whose size field Go ignores: no data follows them.
const HEADER_ONLY = new Set(['1', '2', '3', '4', '5', '6']);

function parsePax(data: Uint8Array): Map<string, string> | undefined {
  const text = new TextDecoder().decode(data);
  const out = new Map<string, string>();
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(' ', i);
    if (sp < 0) return undefined;
    const len = Number(text.slice(i, sp));
    if (!Number.isInteger(len) || len <= 0) return undefined;
    const rec = text.slice(sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq < 0) return undefined;
    out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

type Mode = 'header' | 'skip' | 'collect' | 'sparse-ext';

/** Sums the unpacked size of a tar stream pushed in pieces, stopping at `cap`. */
export class TarSizer {
  private mode: Mode = 'header';
  private block = new Uint8Array(BLOCK);
  private filled = 0;
  private skipLeft = 0;
  private collected: Uint8Array[] = [];
  private collectLeft = 0;
  private collectPadding = 0;
  private collectKind: 'pax' | 'ignore' = 'ignore';
  private pax?: Map<string, string>;
  private sparseData = 0; // data size of an old GNU sparse entry, after its extension blocks
  private readonly state: TarSize = { kind: 'unknown', bytes: 0, entries: 0, over: false, finished: false };

  constructor(private readonly cap: number) {}

  get result(): TarSize { return { ...this.state }; }

  /** The input ended. A stream too short for one header is no tar. */
  end(): TarSize {
    if (this.state.kind === 'unknown') this.state.kind = 'not-tar';
    this.state.finished = true;
    return this.result;
  }

  push(chunk: Uint8Array): TarSize {
    let i = 0;
    while (i < chunk.length && !this.state.finished) {
      if (this.mode === 'skip') {
        const n = Math.min(this.skipLeft, chunk.length - i);
        this.skipLeft -= n;
        i += n;
        if (this.skipLeft === 0) this.mode = 'header';
        continue;
      }
      if (this.mode === 'collect') {
        const n = Math.min(this.collectLeft, chunk.length - i);
        if (this.collectKind === 'pax') this.collected.push(chunk.slice(i, i + n));
        this.collectLeft -= n;
        i += n;
        if (this.collectLeft === 0) this.collected.length ? this.finishCollect() : this.afterCollect();
        continue;
      }
      const n = Math.min(BLOCK - this.filled, chunk.length - i);
      this.block.set(chunk.subarray(i, i + n), this.filled);
      this.filled += n;
      i += n;
      if (this.filled === BLOCK) {
        this.filled = 0;
        if (this.mode === 'sparse-ext') this.sparseExtension(this.block);
        else this.header(this.block);
      }
    }
    return this.result;
  }

  private stop(kind?: TarSize['kind']) {
    if (kind) this.state.kind = kind;
    this.state.finished = true;
  }

  private add(bytes: number) {
    this.state.entries++;
    this.state.bytes += ENTRY_OVERHEAD + roundUp(bytes, 4096);
    if (this.state.bytes > this.cap) { this.state.over = true; this.stop(); }
  }

  private header(h: Uint8Array) {
    const first = this.state.kind === 'unknown';
    // A zero block ends the archive (Go then expects a second one; either
    // way nothing more is written).
    if (isZero(h)) { this.stop(first ? 'not-tar' : undefined); return; }
    if (!checksumOk(h)) { this.stop(first ? 'not-tar' : undefined); return; }
    const size = parseNumeric(h.subarray(124, 136));
    if (Number.isNaN(size)) { this.stop(first ? 'not-tar' : undefined); return; }
    this.state.kind = 'tar';
    const type = String.fromCharCode(h[156]);
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      if (size > MAX_SPECIAL) { this.stop(); return; }
      this.collectKind = type === 'x' ? 'pax' : 'ignore';
      this.collectLeft = size;
      this.collectPadding = roundUp(size, BLOCK) - size;
      this.collected = [];
      this.mode = 'collect';
      if (size === 0) this.afterCollect();
      return;
    }
    const pax = this.pax;
    this.pax = undefined;
    const paxSize = pax?.has('size') ? Number(pax.get('size')) : undefined;
    let dataSize = paxSize !== undefined && Number.isFinite(paxSize) ? paxSize : size;
    if (HEADER_ONLY.has(type)) dataSize = 0;
    // Sparse entries: the unpacked file is as long as the real size, and the
    // builder writes its holes as zeros.
    const sparseReal = Math.max(
      Number(pax?.get('GNU.sparse.realsize') ?? 0) || 0,
      Number(pax?.get('GNU.sparse.size') ?? 0) || 0,
    );
    if (type === 'S') {
      const real = parseNumeric(h.subarray(483, 495));
      if (Number.isNaN(real)) { this.stop(); return; }
      this.add(Math.max(real, dataSize, sparseReal));
      if (this.state.finished) return;
      this.sparseData = dataSize;
      if (h[482] !== 0) { this.mode = 'sparse-ext'; return; }
      this.skipData(dataSize);
      return;
    }
    this.add(type === '1' ? 0 : Math.max(dataSize, sparseReal));
    if (this.state.finished) return;
    this.skipData(dataSize);
  }

  private sparseExtension(h: Uint8Array) {
    if (h[504] !== 0) return; // another extension block follows
    this.skipData(this.sparseData);
  }

  private skipData(size: number) {
    this.skipLeft = roundUp(size, BLOCK);
    this.mode = this.skipLeft > 0 ? 'skip' : 'header';
  }

  private finishCollect() {
    const total = this.collected.reduce((n, c) => n + c.length, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const c of this.collected) { all.set(c, at); at += c.length; }
    this.collected = [];
    const pax = parsePax(all);
    if (!pax) { this.stop(); return; }
    this.pax = new Map([...(this.pax ?? []), ...pax]);
    this.afterCollect();
  }

  private afterCollect() {
    this.skipLeft = this.collectPadding;
    this.mode = this.skipLeft > 0 ? 'skip' : 'header';
  }
}

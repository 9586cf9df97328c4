// The learner's build context: the files sent with a build. Pure helpers for
// names, sizes and the sandbox's limits, shared by the panel and its tests.
import { t, type Locale } from '@/lib/i18n';

export type ContextFile = string | { base64: string };
export type ContextFiles = Record<string, ContextFile>;

export interface ContextLimits { maxFiles: number; maxBytes: number }

export function fileBytes(f: ContextFile): number {
  if (typeof f === 'string') return new TextEncoder().encode(f).length;
  const b = f.base64.replace(/=+$/, '');
  return Math.floor((b.length * 3) / 4);
}

export function contextUsage(files: ContextFiles): { count: number; bytes: number } {
  let bytes = 0;
  for (const f of Object.values(files)) bytes += fileBytes(f);
  return { count: Object.keys(files).length, bytes };
}

// The same rules the sandbox applies, checked first so the learner hears
// about a bad name while typing it rather than from a failed build.
export function checkFileName(name: string, existing: ContextFiles, current?: string, locale: Locale = 'en'): string | null {
  const n = name.trim();
  if (!n) return t(locale, 'play.ctx.err.empty');
  if (n.startsWith('/')) return t(locale, 'play.ctx.err.absolute');
  if (n.split('/').some((s) => s === '..' || s === '.' || s === '')) return t(locale, 'play.ctx.err.dots');
  if (/[\0\\]/.test(n)) return t(locale, 'play.ctx.err.chars');
  if (n === 'Dockerfile') return t(locale, 'play.ctx.err.dockerfile');
  if (n !== current && Object.prototype.hasOwnProperty.call(existing, n)) return t(locale, 'play.ctx.err.exists', { name: n });
  return null;
}

export function checkLimits(files: ContextFiles, limits: ContextLimits, locale: Locale = 'en'): string | null {
  const { count, bytes } = contextUsage(files);
  if (count > limits.maxFiles) return t(locale, 'play.ctx.err.tooMany', { max: limits.maxFiles, count });
  if (bytes > limits.maxBytes) return t(locale, 'play.ctx.err.tooBig', { max: limits.maxBytes, bytes });
  return null;
}

export function renameFile(files: ContextFiles, from: string, to: string): ContextFiles {
  const out: ContextFiles = {};
  for (const [k, v] of Object.entries(files)) out[k === from ? to : k] = v;
  return out;
}

export function removeFile(files: ContextFiles, name: string): ContextFiles {
  const out = { ...files };
  delete out[name];
  return out;
}

// Binary uploads travel as base64; text stays text so it stays editable.
export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function looksLikeText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; }
}

// The browser's side of POST /api/shares: a result, never a throw, so the
// dialog can show the server's own words (which cap, how long to wait).
import type { ShareFile } from '@/lib/shares/snapshot';

export interface NewShare { dockerfile: string; files?: Record<string, ShareFile>; title?: string; commands?: string[][]; replay?: boolean }
export type CreateShareResult =
  | { ok: true; slug: string; url: string }
  | { ok: false; status: number; message: string };

export async function createShare(share: NewShare): Promise<CreateShareResult> {
  let res: Response;
  try {
    res = await fetch('/api/shares', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(share) });
  } catch {
    return { ok: false, status: 0, message: 'Layerlab could not be reached. Check your connection and try again.' };
  }
  const body = await res.json().catch(() => null);
  if (res.status === 201 && typeof body?.slug === 'string') return { ok: true, slug: body.slug, url: body.url };
  const message = typeof body?.error?.message === 'string' ? body.error.message : `Sharing failed (HTTP ${res.status}).`;
  return { ok: false, status: res.status, message };
}

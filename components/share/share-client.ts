// The browser's side of POST /api/shares: a result, never a throw, so the
// dialog can show the server's own words (which cap, how long to wait).
// Without words from the server, `message` is absent and the dialog says it
// in the reader's language.
import type { ShareFile } from '@/lib/shares/snapshot';
import { parseRetryAfter } from '@/lib/rate-limits/messages';

export interface NewShare { dockerfile: string; files?: Record<string, ShareFile>; title?: string; commands?: string[][]; replay?: boolean }
export type CreateShareResult =
  | { ok: true; slug: string; url: string }
  | { ok: false; status: number; message?: string; retryAfter?: number };

export async function createShare(share: NewShare): Promise<CreateShareResult> {
  let res: Response;
  try {
    res = await fetch('/api/shares', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(share) });
  } catch {
    return { ok: false, status: 0 };
  }
  const body = await res.json().catch(() => null);
  if (res.status === 201 && typeof body?.slug === 'string') return { ok: true, slug: body.slug, url: body.url };
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  return { ok: false, status: res.status, ...(typeof body?.error?.message === 'string' ? { message: body.error.message } : {}), ...(retryAfter !== undefined ? { retryAfter } : {}) };
}

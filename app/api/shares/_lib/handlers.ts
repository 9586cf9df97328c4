// The share API as plain functions from a Request to a Response, with the
// store and limits passed in: route.ts binds them to the app's database,
// the tests to SQLite and PostgreSQL in turn.
import { apiError, NOT_FOUND_MESSAGE } from '@/lib/shares/errors';
import type { ShareLimits } from '@/lib/shares/limits';
import { requestClientKey } from '@/lib/net/client-address';
import { decideRate } from '@/lib/shares/rate-limit';
import { isSlug } from '@/lib/shares/slug';
import { checkShareRequest } from '@/lib/shares/snapshot';
import { publicOrigin } from '@/lib/web/public-origin';
import { clientKeyFor, type ShareStore } from './store';

export interface ShareApiDeps { store: ShareStore; limits: ShareLimits; now?: () => Date }

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });

export async function createShareResponse(req: Request, deps: ShareApiDeps): Promise<Response> {
  const { store, limits } = deps;
  const now = deps.now?.() ?? new Date();
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    return json(apiError('unsupported_media_type', 'Send the snapshot as JSON with Content-Type: application/json.'), 415);
  }
  const body = await readCapped(req, limits.maxBodyBytes);
  if (body === null) {
    return json(apiError('body_too_large', `The request body is larger than ${limits.maxBodyBytes / 1024} KiB, the cap on one share request.`), 413);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return json(apiError('invalid_json', 'The request body is not valid JSON.'), 400);
  }
  const checked = checkShareRequest(parsed, limits);
  if (!checked.ok) return json(apiError(checked.code, checked.message), checked.status);

  // Counted from the stored shares, not by the limiter library: a share is
  // kept for years, and its rows already say who made how many, on either
  // database and across restarts.
  const clientKey = clientKeyFor(requestClientKey(req.headers));
  const since = new Date(now.getTime() - limits.windowSeconds * 1000);
  const rate = decideRate(await store.recentByClient(clientKey, since), now, limits.sharesPerWindow, limits.windowSeconds);
  if (!rate.allowed) {
    const minutes = Math.ceil(rate.retryAfterSeconds / 60);
    return json(
      apiError('rate_limited', `You have made ${limits.sharesPerWindow} shares in the last ${limits.windowSeconds / 60} minutes, the limit per address. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`),
      429,
      { 'Retry-After': String(rate.retryAfterSeconds) },
    );
  }
  const share = await store.create(checked.snapshot, checked.sizeBytes, clientKey);
  const url = new URL(`/p/${share.slug}`, publicOrigin(process.env)).toString();
  return json({ slug: share.slug, url }, 201, { Location: url });
}

export async function getShareResponse(slug: string, deps: Pick<ShareApiDeps, 'store'>): Promise<Response> {
  const share = isSlug(slug) ? await deps.store.get(slug) : null;
  if (!share) return json(apiError('not_found', NOT_FOUND_MESSAGE), 404);
  // Immutable: caches may keep it as long as they like.
  return Response.json(share, { status: 200, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
}

// Reads at most maxBytes, so a huge body is refused without being held.
async function readCapped(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

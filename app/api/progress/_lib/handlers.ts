// The progress API, apart from Next's routing so tests call it directly.
// A learner is an anonymous id the browser made; nothing here is secret, but
// ids and sizes are checked so the table holds only what lessons write.
import { z } from 'zod';
import { parseProgress, lessonStatus } from '@/lib/lessons/progress';
import { progressWithin } from '@/lib/lessons/progress-bound';
import type { Lesson } from '@/lib/lessons/schema';
import type { LimitName } from '@/lib/rate-limits/table';
import type { Limiter } from '@/rate-limiter/limiters';
import type { ProgressStore } from './store';

// Writes are limited per address (`clientKey`, see lib/net/client-address.ts):
// saves per minute, new learner ids per hour; and the table as a whole holds
// at most `rowsMax` records.
export interface ProgressLimits { clientKey: string; writes: Limiter; learners: Limiter; rowsMax: number }

const LearnerId = z.string().regex(/^[0-9a-f-]{16,64}$/i, 'learner ids are the browser-made UUIDs');
const MAX_BODY = 64 * 1024;
const Body = z.object({ slug: z.string(), progress: z.unknown() }).strict();

const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });
const refused = (status: number, limit: LimitName, retryAfterSeconds: number, message: string) =>
  Response.json({ error: { code: 'rate_limited', message, limit, retryAfterSeconds } }, { status, headers: { 'Retry-After': String(retryAfterSeconds) } });

export async function getProgressResponse(store: ProgressStore, learnerId: string): Promise<Response> {
  if (!LearnerId.safeParse(learnerId).success) return error(400, 'bad_request', 'Not a learner id.');
  return Response.json(await store.load(learnerId));
}

export async function putProgressResponse(store: ProgressStore, lessons: Pick<Lesson, 'slug' | 'steps'>[], learnerId: string, req: Request, limits?: ProgressLimits): Promise<Response> {
  if (!LearnerId.safeParse(learnerId).success) return error(400, 'bad_request', 'Not a learner id.');
  if (limits) {
    const write = await limits.writes.take(limits.clientKey);
    if (!write.ok) return refused(429, 'progress-write', write.retryAfterSeconds, `Too many progress saves from your address (${limits.writes.spec.points} a minute). Try again in ${write.retryAfterSeconds} s.`);
  }
  const text = await req.text();
  if (text.length > MAX_BODY) return error(413, 'too_large', `Progress is at most ${MAX_BODY / 1024} KiB.`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { return error(400, 'bad_request', 'The body is not valid JSON.'); }
  const body = Body.safeParse(json);
  if (!body.success) return error(400, 'bad_request', 'Expected {"slug", "progress"}.');
  const lesson = lessons.find((l) => l.slug === body.data.slug);
  if (!lesson) return error(404, 'not_found', `No lesson "${body.data.slug}".`);
  const progress = progressWithin(lesson, parseProgress(body.data.progress));
  if (limits) {
    const known = await store.known(learnerId, lesson.slug);
    if (!known.learner) {
      const learner = await limits.learners.take(limits.clientKey);
      if (!learner.ok) return refused(429, 'progress-learner', learner.retryAfterSeconds, `Too many new learners from your address (${limits.learners.spec.points} an hour). Try again in ${Math.ceil(learner.retryAfterSeconds / 60)} min.`);
    }
    if (!known.record && await store.count() >= limits.rowsMax) {
      // Not the client's doing, and no wait will surely help: 507, no Retry-After.
      return Response.json({ error: { code: 'storage_full', message: `The server keeps no new progress records (it holds ${limits.rowsMax}). Progress stays in your browser.`, limit: 'progress-total' } }, { status: 507 });
    }
  }
  await store.save(learnerId, lesson.slug, progress, lessonStatus(lesson, progress).status === 'done');
  return new Response(null, { status: 204 });
}

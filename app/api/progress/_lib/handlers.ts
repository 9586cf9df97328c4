// The progress API, apart from Next's routing so tests call it directly.
// A learner is an anonymous id the browser made; nothing here is secret, but
// ids and sizes are checked so the table holds only what lessons write.
import { z } from 'zod';
import { parseProgress, lessonStatus } from '@/lib/lessons/progress';
import type { Lesson } from '@/lib/lessons/schema';
import type { ProgressStore } from './store';

const LearnerId = z.string().regex(/^[0-9a-f-]{16,64}$/i, 'learner ids are the browser-made UUIDs');
const MAX_BODY = 64 * 1024;
const Body = z.object({ slug: z.string(), progress: z.unknown() }).strict();

const error = (status: number, code: string, message: string) => Response.json({ error: { code, message } }, { status });

export async function getProgressResponse(store: ProgressStore, learnerId: string): Promise<Response> {
  if (!LearnerId.safeParse(learnerId).success) return error(400, 'bad_request', 'Not a learner id.');
  return Response.json(await store.load(learnerId));
}

export async function putProgressResponse(store: ProgressStore, lessons: Pick<Lesson, 'slug' | 'steps'>[], learnerId: string, req: Request): Promise<Response> {
  if (!LearnerId.safeParse(learnerId).success) return error(400, 'bad_request', 'Not a learner id.');
  const text = await req.text();
  if (text.length > MAX_BODY) return error(413, 'too_large', `Progress is at most ${MAX_BODY / 1024} KiB.`);
  let json: unknown;
  try { json = JSON.parse(text); } catch { return error(400, 'bad_request', 'The body is not valid JSON.'); }
  const body = Body.safeParse(json);
  if (!body.success) return error(400, 'bad_request', 'Expected {"slug", "progress"}.');
  const lesson = lessons.find((l) => l.slug === body.data.slug);
  if (!lesson) return error(404, 'not_found', `No lesson "${body.data.slug}".`);
  const progress = parseProgress(body.data.progress);
  await store.save(learnerId, lesson.slug, progress, lessonStatus(lesson, progress).status === 'done');
  return new Response(null, { status: 204 });
}

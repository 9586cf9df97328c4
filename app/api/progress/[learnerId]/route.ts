// GET /api/progress/<learnerId> → { slug: LessonProgress }
// PUT /api/progress/<learnerId>   { slug, progress } → 204
import { getDb } from '@/prisma/client';
import { getLessons } from '@/content/load';
import { requestClientKey } from '@/lib/net/client-address';
import { webLimits } from '@/rate-limiter/web-limiters';
import { getProgressResponse, putProgressResponse } from '../_lib/handlers';
import { createProgressStore } from '../_lib/store';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ learnerId: string }> };

export async function GET(_req: Request, { params }: Params) {
  return getProgressResponse(createProgressStore(getDb()), (await params).learnerId);
}

export async function PUT(req: Request, { params }: Params) {
  const { settings, limiters } = webLimits();
  return putProgressResponse(createProgressStore(getDb()), getLessons(), (await params).learnerId, req, {
    clientKey: requestClientKey(req.headers), writes: limiters['progress-write'], learners: limiters['progress-learner'], rowsMax: settings.progressRowsMax,
  });
}

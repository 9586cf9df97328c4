// POST /api/shares {dockerfile, files?, title?, commands?, replay?} → 201 {slug, url}
import { getDb } from '@/prisma/client';
import { shareLimitsFromEnv } from '@/lib/shares/limits';
import { createShareResponse } from './_lib/handlers';
import { createShareStore } from './_lib/store';

export const dynamic = 'force-dynamic';

export function POST(req: Request): Promise<Response> {
  return createShareResponse(req, { store: createShareStore(getDb()), limits: shareLimitsFromEnv(process.env) });
}

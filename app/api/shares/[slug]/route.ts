// GET /api/shares/<slug> → the snapshot as JSON, or 404 {"error":{"code":"not_found"}}
import { getDb } from '@/prisma/client';
import { getShareResponse } from '../_lib/handlers';
import { createShareStore } from '../_lib/store';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, ctx: { params: Promise<{ slug: string }> }): Promise<Response> {
  const { slug } = await ctx.params;
  return getShareResponse(slug, { store: createShareStore(getDb()) });
}

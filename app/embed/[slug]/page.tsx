import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { loadShare } from '@/app/api/shares/_lib/load';
import { requestOrigin } from '@/app/api/shares/_lib/origin';
import { SnapshotView } from '@/components/share/SnapshotView';

// Framed by any site: lib/web/security-headers.ts sends `frame-ancestors *`
// for /embed only, and X-Frame-Options DENY everywhere else.
export const dynamic = 'force-dynamic';

interface Props { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = await loadShare((await params).slug);
  return { title: share ? share.title || 'Shared playground' : 'Share not found', robots: { index: false } };
}

export default async function EmbedPage({ params, searchParams }: Props) {
  const share = await loadShare((await params).slug);
  if (!share) notFound();
  const query = await searchParams;
  const replay = share.replay || query.replay === '1';
  const theme = typeof query.theme === 'string' ? query.theme : null;
  return <SnapshotView share={share} variant="embed" replay={replay} origin={requestOrigin(await headers())} theme={theme} />;
}

import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { loadShare } from '@/app/api/shares/_lib/load';
import { requestOrigin } from '@/app/api/shares/_lib/origin';
import { SnapshotView } from '@/components/share/SnapshotView';

export const dynamic = 'force-dynamic';

interface Props { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const share = await loadShare((await params).slug);
  if (!share) return { title: 'Share not found', robots: { index: false } };
  const title = share.title || 'A shared Docker playground';
  const description = 'A Dockerfile and its build context, shared from Layerlab. Open it to see the layers it makes, build it for real, or fork it.';
  const origin = requestOrigin(await headers());
  return {
    title,
    description,
    metadataBase: new URL(origin),
    openGraph: { title, description, type: 'website', url: `/p/${share.slug}`, siteName: 'Layerlab' },
    twitter: { card: 'summary_large_image', title, description },
  };
}

export default async function SharePage({ params, searchParams }: Props) {
  const share = await loadShare((await params).slug);
  if (!share) notFound();
  const replay = share.replay || (await searchParams).replay === '1';
  return <SnapshotView share={share} variant="page" replay={replay} origin={requestOrigin(await headers())} />;
}

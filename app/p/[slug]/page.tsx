import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadShare } from '@/app/api/shares/_lib/load';
import { publicOrigin } from '@/lib/web/public-origin';
import { requestLocale } from '@/app/request-locale';
import { SnapshotView } from '@/components/share/SnapshotView';
import { replayRequested } from '@/lib/shares/replay';
import { loadSettings } from '@/lib/settings';
import { t } from '@/lib/i18n';
import { preloadEditor } from '@/app/editor-preload';

// The sandbox address comes from this server's environment at request time.
export const dynamic = 'force-dynamic';

interface Props { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

// metadataBase comes from the root layout, so og:url and the preview image are absolute.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const locale = await requestLocale();
  const share = await loadShare((await params).slug);
  if (!share) return { title: t(locale, 'share.notFound.meta'), robots: { index: false } };
  const title = share.title || t(locale, 'share.metaTitle');
  const description = t(locale, 'share.metaDescription');
  return {
    title,
    description,
    alternates: { canonical: `/p/${share.slug}` },
    openGraph: { title, description, type: 'website', url: `/p/${share.slug}`, siteName: 'Layerlab' },
    twitter: { card: 'summary_large_image', title, description },
  };
}

export default async function SharePage({ params, searchParams }: Props) {
  const share = await loadShare((await params).slug);
  if (!share) notFound();
  preloadEditor('p/[slug]');
  const s = loadSettings(process.env);
  const replay = share.replay || replayRequested(await searchParams);
  return (
    <SnapshotView share={share} variant="page" replay={replay} origin={publicOrigin(process.env)} locale={await requestLocale()}
      sandboxUrl={s.sandboxUrl} sandboxPort={s.sandboxPort} />
  );
}

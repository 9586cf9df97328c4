import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { loadShare } from '@/app/api/shares/_lib/load';
import { publicOrigin } from '@/lib/web/public-origin';
import { requestLocale } from '@/app/request-locale';
import { SnapshotView } from '@/components/share/SnapshotView';
import { replayRequested } from '@/lib/shares/replay';
import { loadSettings } from '@/lib/settings';
import { isLocale, t, type Locale } from '@/lib/i18n';
import { preloadEditor } from '@/app/editor-preload';

// Framed by any site: proxy.ts (lib/web/security-headers.ts) sends `frame-ancestors *`
// for /embed only, and X-Frame-Options DENY everywhere else.
export const dynamic = 'force-dynamic';

interface Props { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }

// `?lang=` is the embedder's choice of language; else the reader's own.
async function embedLocale(query: Record<string, string | string[] | undefined>): Promise<Locale> {
  return isLocale(query.lang) ? query.lang : requestLocale();
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const locale = await embedLocale(await searchParams);
  const share = await loadShare((await params).slug);
  return { title: share ? share.title || t(locale, 'share.untitled') : t(locale, 'share.notFound.meta'), robots: { index: false } };
}

export default async function EmbedPage({ params, searchParams }: Props) {
  const share = await loadShare((await params).slug);
  if (!share) notFound();
  preloadEditor('embed/[slug]');
  const query = await searchParams;
  const s = loadSettings(process.env);
  const theme = typeof query.theme === 'string' ? query.theme : null;
  return (
    <SnapshotView share={share} variant="embed" replay={share.replay || replayRequested(query)} origin={publicOrigin(process.env)}
      locale={await embedLocale(query)} sandboxUrl={s.sandboxUrl} sandboxPort={s.sandboxPort} theme={theme} />
  );
}

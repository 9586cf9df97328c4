import type { Metadata } from 'next';
import { loadSettings } from '@/lib/settings';
import { Playground } from '@/components/playground/Playground';
import { requestLocale } from '@/app/request-locale';
import { t } from '@/lib/i18n';
import { preloadEditor } from '@/app/editor-preload';

export async function generateMetadata(): Promise<Metadata> {
  return { title: t(await requestLocale(), 'play.title') };
}
// The sandbox URL and limits come from this server's environment at request time.
export const dynamic = 'force-dynamic';

export default async function PlayPage() {
  preloadEditor('play');
  const s = loadSettings(process.env);
  const locale = await requestLocale();
  return <Playground locale={locale} sandboxUrl={s.sandboxUrl || undefined} limits={{ maxFiles: s.contextMaxFiles, maxBytes: s.contextMaxBytes }} />;
}

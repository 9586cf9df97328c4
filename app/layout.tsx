import type { Metadata } from 'next';
import { headers } from 'next/headers';
import './globals.css';
import { requestOrigin } from '@/app/api/shares/_lib/origin';
import { SiteHeader } from '@/components/site/SiteHeader';
import { requestLocale } from '@/app/request-locale';
import { HTML_LANG } from '@/lib/i18n';

// metadataBase makes OpenGraph and Twitter URLs absolute: LAYERLAB_PUBLIC_URL
// when set, else the host this request came to.
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(requestOrigin(await headers())),
    title: { default: 'Layerlab — learn Docker by watching it work', template: '%s · Layerlab' },
    description: 'Edit a Dockerfile, build it on a real Docker Engine, and watch image layers, containers and commits drawn as they happen.',
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={HTML_LANG[locale]} suppressHydrationWarning>
      <body>
        <SiteHeader locale={locale} />
        {children}
      </body>
    </html>
  );
}

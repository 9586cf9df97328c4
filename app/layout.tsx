import type { Metadata } from 'next';
import './globals.css';
import { publicOrigin } from '@/lib/web/public-origin';
import { SiteHeader } from '@/components/site/SiteHeader';
import { ZodJitless } from '@/components/site/ZodJitless';
import { requestLocale } from '@/app/request-locale';
import { HTML_LANG } from '@/lib/i18n';

// metadataBase makes canonical, OpenGraph and Twitter URLs absolute: from
// LAYERLAB_PUBLIC_URL (lib/web/public-origin.ts), never from the request.
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(publicOrigin(process.env)),
    title: { default: 'Layerlab — learn Docker by watching it work', template: '%s · Layerlab' },
    description: 'Edit a Dockerfile, build it on a real Docker Engine, and watch image layers, containers and commits drawn as they happen.',
  };
}

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={HTML_LANG[locale]} suppressHydrationWarning>
      <body>
        <ZodJitless />
        <SiteHeader locale={locale} />
        {children}
      </body>
    </html>
  );
}

import type { Metadata } from 'next';
import './globals.css';
import { SiteHeader } from '@/components/site/SiteHeader';

export const metadata: Metadata = {
  title: { default: 'Layerlab — learn Docker by watching it work', template: '%s · Layerlab' },
  description: 'Edit a Dockerfile, build it on a real Docker Engine, and watch image layers, containers and commits drawn as they happen.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en" suppressHydrationWarning>
      <body>
        <SiteHeader />
        {children}
      </body>
    </html>
  );
}

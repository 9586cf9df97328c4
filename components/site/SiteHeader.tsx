import Link from 'next/link';
import { translator, type Locale } from '@/lib/i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function SiteHeader({ locale }: { locale: Locale }) {
  const t = translator(locale);
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label={t('nav.home')}>
        <span className="brand-mark" aria-hidden="true">
          <span /><span /><span />
        </span>
        Layerlab
      </Link>
      <nav aria-label={t('nav.main')}>
        <Link href="/play">{t('nav.playground')}</Link>
        <Link href="/lessons">{t('nav.lessons')}</Link>
        <Link href="/classroom">{t('nav.classrooms')}</Link>
        <Link href="/join">{t('nav.join')}</Link>
      </nav>
      <div className="site-header-end">
        <LanguageSwitch locale={locale} />
      </div>
    </header>
  );
}

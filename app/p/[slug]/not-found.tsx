import Link from 'next/link';
import { requestLocale } from '@/app/request-locale';
import { translator } from '@/lib/i18n';

export default async function ShareNotFound() {
  const tr = translator(await requestLocale());
  return (
    <main style={{ maxWidth: '40rem', margin: '4rem auto', padding: '0 1.5rem' }}>
      <p style={{ color: 'var(--text-dim)', fontWeight: 700, margin: 0 }}>404</p>
      <h1 style={{ marginTop: '0.25rem' }}>{tr('share.notFound.title')}</h1>
      <p>{tr('share.notFound.body')} {tr('share.notFound.ask')}</p>
      <p><Link href="/play" className="button primary">{tr('share.notFound.fresh')}</Link></p>
    </main>
  );
}

import { requestLocale } from '@/app/request-locale';
import { translator } from '@/lib/i18n';

export default async function EmbedNotFound() {
  const tr = translator(await requestLocale());
  return (
    <main data-embed style={{ padding: '1.5rem', textAlign: 'center' }}>
      <h1 style={{ fontSize: '1.2rem' }}>{tr('share.notFound.title')}</h1>
      <p style={{ color: 'var(--text-dim)' }}>{tr('share.notFound.body')}</p>
    </main>
  );
}

import { NOT_FOUND_MESSAGE } from '@/lib/shares/errors';

export default function EmbedNotFound() {
  return (
    <main data-embed style={{ padding: '1.5rem', textAlign: 'center' }}>
      <h1 style={{ fontSize: '1.2rem' }}>This share does not exist</h1>
      <p style={{ color: 'var(--text-dim)' }}>{NOT_FOUND_MESSAGE}</p>
    </main>
  );
}

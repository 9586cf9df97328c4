import Link from 'next/link';
import { NOT_FOUND_MESSAGE } from '@/lib/shares/errors';

export default function ShareNotFound() {
  return (
    <main style={{ maxWidth: '40rem', margin: '4rem auto', padding: '0 1.5rem' }}>
      <p style={{ color: 'var(--text-dim)', fontWeight: 700, margin: 0 }}>404</p>
      <h1 style={{ marginTop: '0.25rem' }}>This share does not exist</h1>
      <p>{NOT_FOUND_MESSAGE} Ask whoever sent it for the full link.</p>
      <p><Link href="/play" className="button primary">Open a fresh playground</Link></p>
    </main>
  );
}

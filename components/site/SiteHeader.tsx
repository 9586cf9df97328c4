import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="brand" aria-label="Layerlab home">
        <span className="brand-mark" aria-hidden="true">
          <span /><span /><span />
        </span>
        Layerlab
      </Link>
      <nav aria-label="Main">
        <Link href="/play">Playground</Link>
        <Link href="/lessons">Lessons</Link>
      </nav>
    </header>
  );
}

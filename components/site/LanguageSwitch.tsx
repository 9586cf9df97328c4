'use client';
// Switches the interface language. The choice goes to localStorage (the
// browser remembers it) and to the `layerlab-locale` cookie (server
// components read it), then the page re-renders on the server.
import { useRouter } from 'next/navigation';
import { useEffect, useTransition } from 'react';
import { HTML_LANG, LOCALE_COOKIE, LOCALE_NAMES, LOCALE_STORAGE_KEY, LOCALES, isLocale, t } from '@/lib/i18n';
import type { Locale } from '@/lib/i18n';

function writeCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${60 * 60 * 24 * 365}; samesite=lax`;
}

// A page framed by another site may be denied storage: the cookie is enough then.
function readStored(): string | null {
  try { return localStorage.getItem(LOCALE_STORAGE_KEY); } catch { return null; }
}

export function LanguageSwitch({ locale }: { locale: Locale }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  // localStorage outlives a cleared cookie: restore the cookie from it.
  useEffect(() => {
    const stored = readStored();
    if (isLocale(stored) && stored !== locale) {
      writeCookie(stored);
      startTransition(() => router.refresh());
    } else {
      document.documentElement.lang = HTML_LANG[locale];
    }
  }, [locale, router]);

  const choose = (next: Locale) => {
    if (next === locale) return;
    try { localStorage.setItem(LOCALE_STORAGE_KEY, next); } catch { /* storage denied: the cookie still carries the choice */ }
    writeCookie(next);
    document.documentElement.lang = HTML_LANG[next];
    startTransition(() => router.refresh());
  };

  return (
    <div className="language-switch" role="group" aria-label={t(locale, 'language.label')} aria-busy={pending}
      style={{ display: 'inline-flex', border: '1px solid var(--border)', borderRadius: 8, overflow: 'hidden', background: 'var(--surface)' }}>
      {LOCALES.map((l) => (
        <button key={l} type="button" lang={HTML_LANG[l]} aria-pressed={l === locale} onClick={() => choose(l)}
          style={{
            font: 'inherit', fontSize: '0.85rem', fontWeight: 600, padding: '0.3rem 0.7rem', border: 0, cursor: 'pointer',
            background: l === locale ? 'var(--accent)' : 'transparent', color: l === locale ? 'var(--accent-text)' : 'var(--text-dim)',
          }}>
          {LOCALE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}

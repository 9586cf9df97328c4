// The interface's languages. The choice is kept in localStorage and in the
// `layerlab-locale` cookie, so server components render in it too.
export const LOCALES = ['en', 'zh'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'layerlab-locale';
export const LOCALE_STORAGE_KEY = 'layerlab-locale';

export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '简体中文' };
// For <html lang>: screen readers and CJK font selection rely on it.
export const HTML_LANG: Record<Locale, string> = { en: 'en', zh: 'zh-CN' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function parseLocale(value: string | undefined | null): Locale {
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

// First visit, no cookie yet: follow the browser's Accept-Language.
export function localeFromAcceptLanguage(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header.split(',').map((part) => {
    const [tag, q] = part.trim().split(';q=');
    return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) };
  }).sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return DEFAULT_LOCALE;
}

// The same choice from raw request headers, where no Next request is at hand
// (the classroom socket's handshake).
export function localeFromHeaders(cookie: string | undefined | null, acceptLanguage: string | undefined | null): Locale {
  for (const part of (cookie ?? '').split(';')) {
    const [name, value] = part.trim().split('=');
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return localeFromAcceptLanguage(acceptLanguage);
}

// What goes between two sentences joined in code: Chinese runs them on.
export function sentenceGap(locale: Locale): string {
  return locale === 'zh' ? '' : ' ';
}

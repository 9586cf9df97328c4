// The request's interface language: the cookie the language switch sets,
// else the browser's Accept-Language.
import { cookies, headers } from 'next/headers';
import { LOCALE_COOKIE, isLocale, localeFromAcceptLanguage, type Locale } from '@/lib/i18n';

export async function requestLocale(): Promise<Locale> {
  const fromCookie = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage((await headers()).get('accept-language'));
}

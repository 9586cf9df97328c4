// Every learner-facing sentence exists in both languages the lessons use.
import type { Locale } from '../i18n/locale';

export type { Locale };
export interface LocalizedText { en: string; zh: string; }

export function pick(text: LocalizedText, locale: Locale): string {
  return text[locale] || text.en;
}

// t(locale, key, vars): the one way the interface gets its words.
import type { Locale } from './locale';
import { en, type MessageKey } from './messages/en';
import { zh } from './messages/zh';

export type { MessageKey };
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, zh };

export type Vars = Record<string, string | number>;

export function t(locale: Locale, key: MessageKey, vars?: Vars): string {
  const template = dictionaries[locale]?.[key] ?? en[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

// A translator bound to one locale, for components that render many strings.
export function translator(locale: Locale): (key: MessageKey, vars?: Vars) => string {
  return (key, vars) => t(locale, key, vars);
}

// Words chosen before the reader is known, said later in their language: a
// key whose variables may themselves be phrases. The classroom server makes
// its refusals deep in the store and words them when it answers.
export interface Phrase { key: MessageKey; vars?: Record<string, string | number | Phrase> }

export function say(locale: Locale, p: Phrase): string {
  if (!p.vars) return t(locale, p.key);
  const vars: Vars = {};
  for (const [name, v] of Object.entries(p.vars)) vars[name] = typeof v === 'object' ? say(locale, v) : v;
  return t(locale, p.key, vars);
}

'use client';
// The interface language for the playground and its diagrams, chosen by the
// header's language switch and read by the page on the server.
import { createContext, useContext } from 'react';
import { translator, type Locale } from '@/lib/i18n';

const LocaleContext = createContext<Locale>('en');
export const LocaleProvider = LocaleContext.Provider;
export function useLocale(): Locale { return useContext(LocaleContext); }
export function useT() { return translator(useContext(LocaleContext)); }

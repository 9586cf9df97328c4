'use client';
import { useCallback, useEffect, useState } from 'react';

const KEY = 'layerlab.theme';

// The tokens in globals.css switch on <html data-theme>; the editor and the
// terminal need the same choice as a value.
export function useTheme() {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  useEffect(() => {
    const saved = localStorage.getItem(KEY);
    const t = saved === 'dark' || saved === 'light' ? saved : matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    setTheme(t);
  }, []);
  useEffect(() => { document.documentElement.dataset.theme = theme; }, [theme]);
  const toggle = useCallback(() => setTheme((t) => {
    const next = t === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, next);
    return next;
  }), []);
  return { theme, toggle };
}

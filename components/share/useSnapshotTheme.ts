'use client';
// The editor theme for share pages and embeds. Inside another site's iframe
// the browser may deny localStorage outright (third-party storage blocked),
// so the saved choice is read defensively, after `?theme=` and before the
// system preference.
import { useEffect, useState } from 'react';

const KEY = 'layerlab.theme'; // the playground's own choice (components/playground/useTheme.ts)

function savedTheme(): string | null {
  try {
    return window.localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function useSnapshotTheme(requested?: string | null): 'light' | 'dark' {
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  useEffect(() => {
    const pick = [requested, savedTheme()].find((t) => t === 'light' || t === 'dark') as 'light' | 'dark' | undefined;
    const t = pick ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light');
    setTheme(t);
    document.documentElement.dataset.theme = t;
  }, [requested]);
  return theme;
}

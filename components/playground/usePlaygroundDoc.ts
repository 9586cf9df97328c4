'use client';
// The playground's document in localStorage, so a reload brings back the
// Dockerfile, the context files and the sandbox session.
import { useCallback, useEffect, useRef, useState } from 'react';
import { STORAGE_KEY, parseSaved, type SavedPlayground } from './persist';
import { STARTER_DOCKERFILE, STARTER_FILES, STARTER_TAG } from './starter';

export function starterDoc(): SavedPlayground {
  return { dockerfile: STARTER_DOCKERFILE, files: { ...STARTER_FILES }, tag: STARTER_TAG, noCache: false, session: null, selectedImage: null };
}

export function usePlaygroundDoc() {
  const [doc, setDoc] = useState<SavedPlayground | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => { setDoc(parseSaved(localStorage.getItem(STORAGE_KEY)) ?? starterDoc()); }, []);
  useEffect(() => {
    if (!doc) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => localStorage.setItem(STORAGE_KEY, JSON.stringify(doc)), 250);
  }, [doc]);
  // A reload right after typing must not lose the last keystrokes.
  useEffect(() => {
    const save = () => { if (doc) localStorage.setItem(STORAGE_KEY, JSON.stringify(doc)); };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [doc]);
  const update = useCallback((patch: Partial<SavedPlayground>) => setDoc((d) => (d ? { ...d, ...patch } : d)), []);
  const reset = useCallback(() => setDoc((d) => ({ ...starterDoc(), session: d?.session ?? null })), []);
  return { doc, update, reset };
}

'use client';
// The playground's document in localStorage, so a reload brings back the
// Dockerfile, the context files and the sandbox session. Each place that
// mounts a playground (/play, every lesson) has its own key and starter, so
// work in one never overwrites another.
import { useCallback, useEffect, useRef, useState } from 'react';
import { STORAGE_KEY, parseSaved, type SavedPlayground } from './persist';
import { STARTER_DOCKERFILE, STARTER_FILES, STARTER_TAG } from './starter';
import type { ContextFiles } from './context-files';

export interface PlaygroundStarter { dockerfile: string; files: ContextFiles; tag: string }

export const DEFAULT_STARTER: PlaygroundStarter = { dockerfile: STARTER_DOCKERFILE, files: STARTER_FILES, tag: STARTER_TAG };

export function starterDoc(starter: PlaygroundStarter = DEFAULT_STARTER): SavedPlayground {
  return { dockerfile: starter.dockerfile, files: { ...starter.files }, tag: starter.tag, noCache: false, session: null, selectedImage: null };
}

export function usePlaygroundDoc(storageKey: string = STORAGE_KEY, starter: PlaygroundStarter = DEFAULT_STARTER) {
  const [doc, setDoc] = useState<SavedPlayground | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const starterRef = useRef(starter);
  starterRef.current = starter;
  useEffect(() => { setDoc(parseSaved(localStorage.getItem(storageKey)) ?? starterDoc(starterRef.current)); }, [storageKey]);
  useEffect(() => {
    if (!doc) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => localStorage.setItem(storageKey, JSON.stringify(doc)), 250);
  }, [doc, storageKey]);
  // A reload right after typing must not lose the last keystrokes.
  useEffect(() => {
    const save = () => { if (doc) localStorage.setItem(storageKey, JSON.stringify(doc)); };
    window.addEventListener('pagehide', save);
    return () => window.removeEventListener('pagehide', save);
  }, [doc, storageKey]);
  const update = useCallback((patch: Partial<SavedPlayground>) => setDoc((d) => (d ? { ...d, ...patch } : d)), []);
  const reset = useCallback(() => setDoc((d) => ({ ...starterDoc(starterRef.current), session: d?.session ?? null })), []);
  return { doc, update, reset };
}

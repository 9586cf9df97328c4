'use client';
// The instructor secret travels in the link's #fragment, which browsers never
// send to a server: it stays out of logs and Referer headers.
import { useEffect, useState } from 'react';

export function useHashSecret(): { secret: string | null; ready: boolean } {
  const [state, setState] = useState<{ secret: string | null; ready: boolean }>({ secret: null, ready: false });
  useEffect(() => {
    const read = () => setState({ secret: decodeURIComponent(window.location.hash.slice(1)) || null, ready: true });
    read();
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);
  return state;
}

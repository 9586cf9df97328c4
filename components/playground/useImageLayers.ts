'use client';
// Layer histories the diagrams and checks need but world updates do not
// carry: read once per image from the sandbox and kept for the page.
import { useEffect, useRef, useState } from 'react';
import type { Layer } from '@/lib/protocol';
import type { SandboxClient } from './sandbox-client';

// `wanted`: ids of images in the world whose update came without layers.
export function useImageLayers(
  client: SandboxClient | null,
  wanted: readonly string[],
  onRead?: (imageId: string, layers: Layer[]) => void,
): Record<string, Layer[]> {
  const [fetched, setFetched] = useState<Record<string, Layer[]>>({});
  const asked = useRef(new Set<string>());
  const onReadRef = useRef(onRead);
  onReadRef.current = onRead;
  useEffect(() => { asked.current = new Set(); }, [client]);
  const key = [...new Set(wanted)].sort().join(' ');
  useEffect(() => {
    if (!client) return;
    for (const id of key.split(' ').filter(Boolean)) {
      if (asked.current.has(id)) continue;
      asked.current.add(id);
      client.image(id).then((d) => {
        const layers = d.layers.map((l) => ({ ...l, empty: l.empty ?? l.sizeBytes === 0 }));
        setFetched((f) => ({ ...f, [id]: layers }));
        onReadRef.current?.(id, layers);
      }, () => { asked.current.delete(id); });
    }
  }, [client, key]);
  return fetched;
}

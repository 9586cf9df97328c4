'use client';
// The class's starter, built once by the sandbox (POST /v1/starters) so the
// class's first builds reuse its unchanged steps. The dashboard asks as it
// opens, each learner page as it joins; all share the one build. A starter
// that does not build, or a sandbox that is away, only means no shared
// cache: builds work as before, so the failure is not shown.
import { useEffect, useState } from 'react';
import { defaultSandboxUrl, warmStarter } from '@/components/playground/sandbox-client';
import { STARTER_FILES } from '@/components/playground/starter';

export function useClassStarter(dockerfile: string | null | undefined, sandboxUrl?: string): string | null {
  const [key, setKey] = useState<{ for: string; key: string } | null>(null);
  useEffect(() => {
    if (!dockerfile?.trim()) return;
    const ask = new AbortController();
    warmStarter(defaultSandboxUrl(sandboxUrl), { dockerfile, files: STARTER_FILES }, ask.signal)
      .then((k) => setKey({ for: dockerfile, key: k }), () => undefined);
    return () => ask.abort();
  }, [dockerfile, sandboxUrl]);
  return key && key.for === dockerfile ? key.key : null;
}

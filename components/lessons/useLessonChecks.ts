'use client';
// A lesson's CheckContext, kept up to date from what its playground reports.
import { useCallback, useEffect, useState } from 'react';
import { defaultSandboxUrl } from '@/components/playground/sandbox-client';
import { applyReport, startLiveChecks, type PlaygroundReport } from '@/lib/checks/live';

export function useLessonChecks(starterDockerfile?: string, sandboxUrl?: string) {
  const [state, setState] = useState(() => startLiveChecks(starterDockerfile));
  const report = useCallback((r: PlaygroundReport) => setState((s) => applyReport(s, r)), []);
  // The engine's runtime and the host's kernel come from the sandbox's health
  // answer, once: checks that compare with the host read them.
  useEffect(() => {
    let gone = false;
    fetch(`${defaultSandboxUrl(sandboxUrl)}/healthz`).then((r) => r.json()).then((h: { engine?: { runtime?: string; kernelVersion?: string } }) => {
      if (!gone && h.engine?.runtime) report({ kind: 'engine', facts: { runtime: h.engine.runtime, kernelVersion: h.engine.kernelVersion } });
    }).catch(() => undefined);
    return () => { gone = true; };
  }, [sandboxUrl, report]);
  return { ctx: state.ctx, report };
}

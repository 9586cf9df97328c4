'use client';
// A lesson's CheckContext, kept up to date from what its playground reports.
import { useCallback, useState } from 'react';
import { applyReport, startLiveChecks, type PlaygroundReport } from '@/lib/checks/live';

// The engine's facts (runtime, host kernel) arrive as a report from the
// playground, which asks its own session for them.
export function useLessonChecks(starterDockerfile?: string) {
  const [state, setState] = useState(() => startLiveChecks(starterDockerfile));
  const report = useCallback((r: PlaygroundReport) => setState((s) => applyReport(s, r)), []);
  return { ctx: state.ctx, report };
}

'use client';
// A build in flight: streams the engine's events, folds them into a
// BuildProgress with the shared reducer, and keeps the log and the error line.
import { useCallback, useRef, useState } from 'react';
import type { BuildEvent, BuildRequest } from '@/lib/protocol';
import { applyBuildEvent, startBuildProgress, type BuildProgress } from '@/lib/world/reducer';
import type { SandboxClient } from './sandbox-client';
import { EventPacer } from './event-pacer';
import { logLinesFor, type LogLine } from './build-log';
import { t, type Locale } from '@/lib/i18n';

export interface BuildErrorMark { line: number; message: string }

// onFinished hears every build that ended (done, failed or cancelled) with
// the engine's events, for the lesson checks that read how a build went.
export function useBuild(
  client: SandboxClient | null,
  onDone: (imageId: string, tag: string | null) => void,
  onFinished?: (req: BuildRequest, events: BuildEvent[]) => void,
  locale: Locale = 'en',
) {
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [log, setLog] = useState<LogLine[]>([]);
  const [errorMark, setErrorMark] = useState<BuildErrorMark | null>(null);
  const [running, setRunning] = useState(false);
  const abortRef = useRef<AbortController | null>(null);
  const pacerRef = useRef<EventPacer | null>(null);
  const clearedRef = useRef<AbortController | null>(null);
  const onDoneRef = useRef(onDone);
  onDoneRef.current = onDone;
  const onFinishedRef = useRef(onFinished);
  onFinishedRef.current = onFinished;
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const start = useCallback(async (req: BuildRequest) => {
    if (!client || abortRef.current) return;
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    let p = startBuildProgress(`b${Date.now().toString(36)}`);
    setProgress(p);
    setLog([]);
    setErrorMark(null);
    setRunning(true);
    let finished = false;
    const seen: BuildEvent[] = [];
    const apply = (e: BuildEvent) => {
      seen.push(e);
      p = applyBuildEvent(p, e);
      setProgress(p);
      setLog((l) => [...l, ...logLinesFor(e, localeRef.current)]);
      if (e.type === 'error') {
        const line = e.line ?? p.steps.find((s) => s.index === e.index)?.line;
        if (line) setErrorMark({ line, message: e.message });
      }
      if (e.type === 'done') onDoneRef.current(e.imageId, e.tag);
      if (e.type === 'done' || e.type === 'error') finished = true;
    };
    const pacer = new EventPacer(apply);
    pacerRef.current = pacer;
    try {
      await client.build(req, (e) => pacer.push(e), ctrl.signal);
      await new Promise<void>((resolve) => {
        const wait = () => (pacer.pending ? setTimeout(wait, 50) : resolve());
        wait();
      });
      if (!finished) apply({ type: 'error', message: t(localeRef.current, 'play.log.noResult') });
    } catch (err) {
      if (clearedRef.current === ctrl) return; // Start over: nothing of this build is shown
      pacer.flush();
      if (ctrl.signal.aborted) {
        p = { ...p, status: 'cancelled' };
        setProgress(p);
        setLog((l) => [...l, { kind: 'error', text: t(localeRef.current, 'play.log.cancelled') }]);
      } else if (!finished) {
        apply({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    } finally {
      abortRef.current = null;
      pacerRef.current = null;
      setRunning(false);
      onFinishedRef.current?.(req, seen);
    }
  }, [client]);

  const cancel = useCallback(() => { abortRef.current?.abort(); }, []);
  // Start over: the banner, the line marker, the timeline and the output all
  // speak of a Dockerfile that is gone. A build still running is stopped.
  const clear = useCallback(() => {
    clearedRef.current = abortRef.current;
    abortRef.current?.abort();
    setProgress(null); setLog([]); setErrorMark(null);
  }, []);

  return { progress, log, errorMark, running, start, cancel, clear, clearError: () => setErrorMark(null) };
}

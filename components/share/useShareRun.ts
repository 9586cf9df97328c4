'use client';
// Runs a shared snapshot read-only in a sandbox session of the visitor's
// own: build it with the playground's build stream, then run each command in
// a fresh container from the image and keep what it printed. The session is
// made only when the visitor (or `?replay=1`) asks, and ended when the page
// goes, so a widely embedded share does not hold sandboxes for nothing.
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import type { BuildEvent, Layer } from '@/lib/protocol';
import type { LayerFile } from '@/lib/diagrams/union';
import type { ShareFile, ShareCommand } from '@/lib/shares/snapshot';
import { KEEP_ALIVE, SNAPSHOT_TAG, initialRun, runReducer } from '@/lib/shares/replay';
import { shortId } from '@/lib/world/reducer';
import { useSandboxSession } from '@/components/playground/useSandboxSession';
import { useBuild } from '@/components/playground/useBuild';
import { useImageLayers } from '@/components/playground/useImageLayers';
import type { Locale } from '@/lib/i18n';

export interface ShareRunInput {
  baseUrl: string | null;
  dockerfile: string;
  files: Record<string, ShareFile>;
  commands: ShareCommand[];
  locale: Locale;
}

const noop = () => undefined;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function useShareRun({ baseUrl, dockerfile, files, commands, locale }: ShareRunInput) {
  const tag = SNAPSHOT_TAG;
  const [state, dispatch] = useReducer(runReducer, commands, initialRun);
  const started = state.run > 0;
  const session = useSandboxSession(baseUrl ?? '', baseUrl && started ? null : undefined, noop, { locale });
  const { client, status } = session;

  const runRef = useRef(state.run);
  runRef.current = state.run;
  const onFinished = useCallback((_req: unknown, events: BuildEvent[]) => {
    const run = runRef.current;
    const done = events.find((e) => e.type === 'done');
    if (done?.type === 'done') { dispatch({ type: 'built', run, imageId: done.imageId }); return; }
    const error = [...events].reverse().find((e) => e.type === 'error');
    dispatch({ type: 'build-failed', run, message: error?.type === 'error' ? error.message : 'cancelled' });
  }, []);
  const build = useBuild(client, noop, onFinished, locale);

  // Connected: start the build once per run.
  const builtFor = useRef(0);
  useEffect(() => {
    if (state.stage !== 'connecting' || !client || builtFor.current === state.run) return;
    builtFor.current = state.run;
    dispatch({ type: 'connected', run: state.run });
    // Without the cache: the engine keeps layers between sessions, so after
    // the first visitor every step would only say "Using cache", and a share
    // is opened to watch each step run and print what it prints.
    void build.start({ dockerfile, files, tag, noCache: true });
  }, [state.stage, state.run, client, build, dockerfile, files, tag]);

  // The session could not be made (sandbox down, quota): say so. A status
  // left over from before this start says nothing about this run.
  const staleStatus = useRef(status);
  useEffect(() => {
    if (!started || status === staleStatus.current || status.kind !== 'offline' || client) return;
    dispatch({ type: 'session-failed', run: state.run, message: status.message });
  }, [started, status, client, state.run]);

  // Built: each command in a container of its own, one after another.
  const commandsFor = useRef(0);
  useEffect(() => {
    if (state.stage !== 'commands' || !client || commandsFor.current === state.run) return;
    const run = state.run;
    commandsFor.current = run;
    void (async () => {
      for (const [index, argv] of commands.entries()) {
        dispatch({ type: 'command-started', run, index });
        let id: string | null = null;
        try {
          id = (await client.createContainer({ image: tag, cmd: KEEP_ALIVE })).id;
          await client.containerAction(id, 'start');
          const r = await client.exec(id, argv);
          dispatch({ type: 'command-finished', run, index, exitCode: r.exitCode, output: r.output });
        } catch (e) {
          dispatch({ type: 'command-failed', run, index, message: messageOf(e) });
        } finally {
          if (id) await client.removeContainer(id).catch(noop);
        }
      }
    })();
  }, [state.stage, state.run, client, commands, tag]);

  // End the session with the page (not when it only goes into the back/forward cache).
  useEffect(() => {
    if (!client) return;
    const bye = (e: PageTransitionEvent) => { if (!e.persisted) client.close(true).catch(noop); };
    window.addEventListener('pagehide', bye);
    return () => window.removeEventListener('pagehide', bye);
  }, [client]);

  const fetched = useImageLayers(client, state.imageId ? [state.imageId] : []);
  const layers: Layer[] | null = state.imageId ? fetched[state.imageId] ?? null : null;
  const steps = build.progress?.steps;
  const stepText = useMemo(() => new Map((steps ?? []).filter((s) => s.imageId).map((s) => [shortId(s.imageId!), s.instruction] as [string, string])), [steps]);
  const cachedIds = useMemo(() => new Set((steps ?? []).filter((s) => s.cached && s.imageId).map((s) => shortId(s.imageId!))), [steps]);

  const start = useCallback(() => {
    // A session that failed to open is tried afresh.
    staleStatus.current = status;
    if (!client && status.kind === 'offline') session.retry();
    dispatch({ type: 'start' });
  }, [client, status, session]);

  const imageId = state.imageId;
  const loadLayerFiles = useCallback((index: number): Promise<LayerFile[]> => {
    if (!client || !imageId) return Promise.resolve([]);
    return client.layerFiles(imageId, index);
  }, [client, imageId]);

  return { state, start, build, layers, stepText, cachedIds, status, loadLayerFiles };
}

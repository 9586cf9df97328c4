'use client';
// The learner's link to the class: reports what the learner has (Dockerfile,
// last build, layers, running containers, lesson progress) and receives the
// class's state, broadcasts and the spotlight. Any editor can call it with
// its state; it sends only what changed, typing at most every 400 ms, and
// everything again after each (re)connect so a restarted server catches up.
// <Playground onReport> feeds it through lib/classroom/from-playground.ts.
import { useEffect, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { ClassroomEvents as E, REMOVED_HANDSHAKE, type Ack, type LearnerReport } from '@/lib/classroom/messages';
import { LOCKED_FIELDS } from '@/lib/classroom/lock';
import type { LearnerState } from '@/lib/classroom/from-playground';
import type { ClassFeed, ClassMessage, SpotlightView } from '@/lib/classroom/roster';
import { openClassroomSocket } from './classroom-socket';

export interface LearnerCredentials { classroomId: string; memberId: string; token: string }

export type { LearnerState };

export type LinkStatus = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'removed';

export interface ClassroomLink {
  status: LinkStatus;
  feed: ClassFeed | null;
  messages: ClassMessage[];
  spotlight: SpotlightView;
}

const TYPING_DELAY_MS = 400;

function changed(state: LearnerState, sent: Partial<Record<keyof LearnerState, string>>): LearnerReport {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(state) as (keyof LearnerState)[]) {
    if (state[k] === undefined) continue;
    const j = JSON.stringify(state[k]);
    if (sent[k] !== j) out[k] = state[k];
  }
  return out as LearnerReport;
}

export function useClassroomReporter(creds: LearnerCredentials | null, state: LearnerState): ClassroomLink {
  const [link, setLink] = useState<ClassroomLink>({ status: 'connecting', feed: null, messages: [], spotlight: null });
  const socketRef = useRef<Socket | null>(null);
  const sent = useRef<Partial<Record<keyof LearnerState, string>>>({});
  const stateRef = useRef(state);
  stateRef.current = state;
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const flush = () => {
    const s = socketRef.current;
    if (!s?.connected) return;
    const report = changed(stateRef.current, sent.current);
    if (Object.keys(report).length === 0) return;
    for (const k of Object.keys(report) as (keyof LearnerState)[]) sent.current[k] = JSON.stringify(report[k as keyof LearnerReport]);
    s.emit(E.report, report, (ack: Ack<object>) => {
      // A locked class refused the Dockerfile or build: send them again once it opens.
      if (!ack.ok && ack.error.code === 'locked') for (const k of LOCKED_FIELDS) delete sent.current[k];
    });
  };

  useEffect(() => {
    if (!creds) return;
    const s = openClassroomSocket({ role: 'learner', ...creds });
    socketRef.current = s;
    s.on('connect', () => {
      sent.current = {}; // the server may have restarted: send everything
      setLink((l) => ({ ...l, status: 'online' }));
      flush();
    });
    const removed = () => { s.close(); setLink((l) => ({ ...l, status: 'removed' })); };
    s.on(E.removed, removed);
    s.on('disconnect', (reason: string) => {
      setLink((l) => (l.status === 'removed' ? l : { ...l, status: 'reconnecting' }));
      // The server closed us on purpose: ask again, and the handshake says why.
      if (reason === 'io server disconnect') s.connect();
    });
    s.on('connect_error', (err: Error) => {
      // A wrong, deleted or removed membership will not get better by retrying.
      if (err.message === REMOVED_HANDSHAKE) removed();
      else if (err.message === 'unauthorized') { s.close(); setLink((l) => ({ ...l, status: 'refused' })); }
      else setLink((l) => ({ ...l, status: 'reconnecting' }));
    });
    s.on(E.classState, (feed: ClassFeed) => {
      setLink((l) => ({ ...l, feed, messages: feed.messages }));
      if (!feed.classroom.locked) setTimeout(flush, 0); // what a lock held back
    });
    s.on(E.message, (m: ClassMessage) => setLink((l) => (l.messages.some((x) => x.id === m.id) ? l : { ...l, messages: [...l.messages, m] })));
    s.on(E.spotlightShow, (spotlight: SpotlightView) => setLink((l) => ({ ...l, spotlight })));
    return () => { s.close(); socketRef.current = null; };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [creds?.classroomId, creds?.memberId, creds?.token]);

  // Builds and containers go out at once; typing waits for a pause.
  const { dockerfile, lastBuild, layers, runningContainers, progress } = state;
  useEffect(() => { flush(); }, [lastBuild, layers, runningContainers, progress]);
  useEffect(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(flush, TYPING_DELAY_MS);
    return () => { if (timer.current) clearTimeout(timer.current); };
  }, [dockerfile]);

  return link;
}

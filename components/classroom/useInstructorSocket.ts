'use client';
// The instructor's live view of a class: the roster folded from the server's
// snapshot and row updates, the spotlight, and the learner being followed.
// A reconnect brings a fresh snapshot, so a restarted server redraws all.
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { ClassroomEvents as E } from '@/lib/classroom/messages';
import { rosterReducer, type ClassMessage, type MemberDetail, type MemberRow, type RosterSnapshot, type SpotlightView } from '@/lib/classroom/roster';
import { t, type Locale } from '@/lib/i18n';
import { ask, openClassroomSocket } from './classroom-socket';

export type InstructorStatus = 'connecting' | 'online' | 'reconnecting' | 'refused';

export function useInstructorSocket(classroomId: string, secret: string | null, locale: Locale) {
  const [roster, dispatch] = useReducer(rosterReducer, null);
  const [status, setStatus] = useState<InstructorStatus>('connecting');
  const [spotlight, setSpotlight] = useState<SpotlightView>(null);
  const [followed, setFollowed] = useState<MemberDetail | null>(null);
  const followId = useRef<string | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  useEffect(() => {
    if (!secret) { setStatus('refused'); return; }
    const s = openClassroomSocket({ role: 'instructor', classroomId, secret });
    socketRef.current = s;
    s.on('connect', () => {
      setStatus('online');
      // Follow again after a reconnect: rooms do not survive a restart.
      if (followId.current) ask(s, E.follow, { memberId: followId.current }, localeRef.current).then((r) => setFollowed(r.detail as MemberDetail), () => undefined);
    });
    s.on('disconnect', () => setStatus('reconnecting'));
    s.on('connect_error', (err: Error) => {
      if (err.message === 'unauthorized') { s.close(); setStatus('refused'); } else setStatus('reconnecting');
    });
    s.on(E.roster, (snapshot: RosterSnapshot) => dispatch({ type: 'snapshot', snapshot }));
    s.on(E.row, (row: MemberRow) => dispatch({ type: 'row', row }));
    s.on(E.message, (message: ClassMessage) => dispatch({ type: 'message', message }));
    s.on(E.spotlightShow, (v: SpotlightView) => setSpotlight(v));
    s.on(E.followed, (d: MemberDetail) => { if (d.memberId === followId.current) setFollowed(d); });
    return () => { s.close(); socketRef.current = null; };
  }, [classroomId, secret]);

  const send = useCallback(async (event: string, payload: unknown) => {
    const s = socketRef.current;
    if (!s?.connected) throw new Error(t(localeRef.current, 'classroom.error.notConnected'));
    return ask(s, event, payload, localeRef.current);
  }, []);

  const follow = useCallback(async (memberId: string | null) => {
    followId.current = memberId;
    const r = await send(E.follow, { memberId });
    setFollowed((r.detail as MemberDetail | null) ?? null);
  }, [send]);

  return { roster, status, spotlight, followed, follow, send };
}

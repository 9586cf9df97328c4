// The classroom socket on the web side (DESIGN §8: the web keeps classrooms;
// sandbox hosts are disposable). One socket.io server at /classroom-io:
// a connection without credentials may only create or join a class; the
// instructor secret or a learner token in the handshake opens the rest.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Db } from '../prisma/client';
import type { ClassroomLimits } from '../lib/classroom/limits';
import { CREATE_RATE_WINDOW_SECONDS, JOIN_RATE_WINDOW_SECONDS, defaultClassroomLimit } from '../lib/classroom/limits';
import { createRateMessage, joinRateMessage } from '../lib/classroom/join-rate';
import { limiterStore, type Limiter } from '../rate-limiter/limiters';
import { LOCKED_MESSAGE, splitLockedReport } from '../lib/classroom/lock';
import { addressKey, clientAddress } from '../lib/net/client-address';
import { ClassroomEvents as E, REMOVED_HANDSHAKE, SocketAuth } from '../lib/classroom/messages';
import { CLASSROOM_BUFFER_BYTES, InstructorEvents, LearnerEvents, LobbyEvents } from '../lib/classroom/client-events';
import type { ClassFeed, SpotlightState, SpotlightView } from '../lib/classroom/roster';
import { ClassroomStore } from './classroom-store';
import { ClassroomError } from './errors';
import { JoinGate, memoryJoinLimiters, type JoinLimiters } from './join-gate';
import { serveClassEvents } from './serve';
import { settingsTable } from '../lib/settings';
import { localeFromHeaders, type Locale } from '../lib/i18n';

export const CLASSROOM_IO_PATH = '/classroom-io';

type SocketData =
  | { role: 'lobby' }
  | { role: 'instructor'; classroomId: string }
  | { role: 'learner'; classroomId: string; memberId: string };

const rooms = {
  teach: (cid: string) => `c:${cid}:teach`,
  learn: (cid: string) => `c:${cid}:learn`,
  member: (cid: string, mid: string) => `c:${cid}:m:${mid}`,
  follow: (cid: string, mid: string) => `c:${cid}:follow:${mid}`,
};

export interface ClassroomIo {
  io: Server;
  store: ClassroomStore;
  close(): Promise<void>;
}

export interface ClassroomIoOptions {
  db: Db;
  limits: ClassroomLimits;
  log?: (msg: string) => void;
  /** The clock of the class creation limit (tests). */
  now?: () => Date;
  /** Proxy hops whose X-Forwarded-For entry to believe (LAYERLAB_TRUST_PROXY); 0 by default. */
  trustProxy?: number;
  /** Class creations per address (the web's shared limiter, rate-limiter/web-limiters.ts); a memory one of its own by default. */
  createLimiter?: Limiter;
  /** Events one connection may send a second (LAYERLAB_SOCKET_CALLS); the settings' default when left out. */
  callsPerSecond?: number;
  /** The join windows (the web's shared limiters, rate-limiter/web-limiters.ts); memory ones of its own by default. */
  joinLimiters?: JoinLimiters;
  /** The window of those memory join limiters, a minute unless a test shortens it. */
  joinWindowSeconds?: number;
}

function handshakeHeader(socket: Socket, name: string): string | null {
  const v = socket.handshake.headers[name];
  return Array.isArray(v) ? v.join(', ') : v ?? null;
}

// The address joins and class creations count against: the connection's
// peer, or with `trustProxy` hops the entry the outermost trusted proxy
// added (lib/net/client-address.ts, the rule of every other limit).
function socketAddress(socket: Socket, trustProxy: number): string {
  return addressKey(clientAddress(socket.request, trustProxy));
}

// The language refusals are worded in: the page's choice (its cookie came
// with the handshake), else the browser's; a script without either gets English.
function socketLocale(socket: Socket): Locale {
  return localeFromHeaders(handshakeHeader(socket, 'cookie'), handshakeHeader(socket, 'accept-language'));
}

export async function attachClassroomIo(server: HttpServer, opts: ClassroomIoOptions): Promise<ClassroomIo> {
  const store = new ClassroomStore(opts.db, opts.limits);
  const log = opts.log ?? ((m: string) => console.log(`[classroom] ${m}`));
  const now = opts.now ?? (() => new Date());
  const joinLimits = {
    refusalsPerAddress: opts.limits.joinsPerAddress ?? defaultClassroomLimit('joinsPerAddress'),
    refusalsPerAddressInClass: opts.limits.refusalsPerAddressInClass ?? defaultClassroomLimit('refusalsPerAddressInClass'),
    seatsPerCode: opts.limits.joinsPerCode ?? defaultClassroomLimit('joinsPerCode'),
  };
  const joinGate = new JoinGate(joinLimits, opts.joinLimiters ?? memoryJoinLimiters(joinLimits, opts.joinWindowSeconds ?? JOIN_RATE_WINDOW_SECONDS));
  // Classes made per address: each is a row and a join code, kept for good.
  const classesPerAddress = opts.limits.classesPerAddress ?? defaultClassroomLimit('classesPerAddress');
  const created = opts.createLimiter
    ?? limiterStore('memory').create({ name: 'class-create', points: classesPerAddress, durationSeconds: CREATE_RATE_WINDOW_SECONDS });
  const trustProxy = opts.trustProxy ?? 0;
  const reset = await store.markAllOffline();
  if (reset) log(`${reset} learner(s) marked offline until they reconnect`);

  const io = new Server(server, {
    path: CLASSROOM_IO_PATH,
    serveClient: false,
    // The largest event's cap (client-events.ts); each event has its own.
    maxHttpBufferSize: CLASSROOM_BUFFER_BYTES,
  });

  io.use(async (socket, next) => {
    try {
      const raw = socket.handshake.auth as Record<string, unknown> | undefined;
      if (!raw || raw.role === undefined) { socket.data = { role: 'lobby' } satisfies SocketData; return next(); }
      const auth = SocketAuth.safeParse(raw);
      if (!auth.success) return next(new Error('unauthorized'));
      if (auth.data.role === 'instructor') {
        const c = await store.authInstructor(auth.data.classroomId, auth.data.secret);
        if (!c) return next(new Error('unauthorized'));
        socket.data = { role: 'instructor', classroomId: c.id } satisfies SocketData;
      } else {
        const m = await store.authLearner(auth.data.classroomId, auth.data.memberId, auth.data.token);
        if (!m) {
          // A removed learner is told so, not just turned away.
          const removed = await store.wasRemoved(auth.data.classroomId, auth.data.memberId, auth.data.token);
          return next(new Error(removed ? REMOVED_HANDSHAKE : 'unauthorized'));
        }
        socket.data = { role: 'learner', classroomId: m.classroom.id, memberId: m.member.id } satisfies SocketData;
      }
      next();
    } catch (e) {
      log(`handshake failed: ${e instanceof Error ? e.message : String(e)}`);
      next(new Error('unavailable'));
    }
  });

  const callsPerSecond = opts.callsPerSecond ?? Number(settingsTable.socketCallsPerSecond.default);
  const serveOptions = (socket: Socket) => ({ locale: () => socketLocale(socket), log, callsPerSecond });

  async function spotlightView(cid: string, s: SpotlightState): Promise<SpotlightView> {
    if (!s) return null;
    if (s.kind === 'instructor') return { kind: 'instructor', dockerfile: s.dockerfile };
    const detail = await store.detail(cid, s.memberId);
    return detail ? { kind: 'member', detail } : null;
  }

  async function emitSpotlight(cid: string, s: SpotlightState) {
    const view = await spotlightView(cid, s);
    io.to(rooms.teach(cid)).emit(E.spotlightShow, view);
    io.to(rooms.learn(cid)).emit(E.spotlightShow, s?.toLearners ? view : null);
  }

  async function emitClassChange(cid: string) {
    const snap = await store.snapshot(cid);
    if (!snap) return;
    io.to(rooms.teach(cid)).emit(E.roster, snap);
    for (const m of snap.members) {
      const feed: ClassFeed = { classroom: snap.classroom, messages: snap.messages, you: m };
      io.to(rooms.member(cid, m.id)).emit(E.classState, feed);
    }
  }

  function lobby(socket: Socket) {
    // Members this connection seated: once one is removed, the connection
    // cannot join that class again under any name.
    const seatedHere: string[] = [];
    serveClassEvents(socket, LobbyEvents, {
      [E.create]: async (req) => {
        const address = socketAddress(socket, trustProxy);
        const rate = await created.take(address);
        if (!rate.ok) {
          log(`create refused: rate limit (${address})`);
          throw new ClassroomError('rate-limited', createRateMessage(rate.retryAfterSeconds));
        }
        const { classroom, secret } = await store.create(req);
        log(`class ${classroom.id} created (code ${classroom.code})`);
        return { classroomId: classroom.id, code: classroom.code, secret };
      },
      [E.join]: async (req) => joinGate.serve(req.code, async () => {
        const address = socketAddress(socket, trustProxy);
        const rate = await joinGate.check(address, req.code);
        if (!rate.allowed) {
          log(`join refused: rate limit by ${rate.by} (${rate.by === 'code' ? req.code : address})`);
          throw new ClassroomError('rate-limited', joinRateMessage(rate));
        }
        try {
          const { classroom, member, token } = await store.join(req.code, req.displayName, seatedHere);
          seatedHere.push(member.id);
          await joinGate.seated(req.code);
          io.to(rooms.teach(classroom.id)).emit(E.row, member);
          return { classroomId: classroom.id, memberId: member.id, token };
        } catch (e) {
          if (e instanceof ClassroomError) await joinGate.refused(address, req.code);
          throw e;
        }
      }),
    }, serveOptions(socket));
  }

  async function instructor(socket: Socket, cid: string) {
    await socket.join(rooms.teach(cid));
    const snap = await store.snapshot(cid);
    socket.emit(E.roster, snap);
    socket.emit(E.spotlightShow, await spotlightView(cid, snap?.spotlight ?? null));
    let following: string | null = null;

    const active = async () => {
      const c = await store.get(cid);
      if (c?.endedAt) throw new ClassroomError('ended', { key: 'classroom.error.ended' });
    };
    serveClassEvents(socket, InstructorEvents, {
      [E.broadcast]: async ({ text }) => {
        await active();
        const message = await store.addMessage(cid, text);
        io.to(rooms.teach(cid)).to(rooms.learn(cid)).emit(E.message, message);
        return { message };
      },
      [E.pushStarter]: async ({ dockerfile }) => {
        await active();
        await store.update(cid, { starterDockerfile: dockerfile });
        await emitClassChange(cid);
      },
      [E.lock]: async ({ locked }) => {
        await active();
        await store.update(cid, { locked });
        await emitClassChange(cid);
      },
      [E.lockJoins]: async ({ locked }) => {
        await active();
        await store.update(cid, { joinsLocked: locked });
        await emitClassChange(cid);
      },
      [E.rotateCode]: async () => {
        await active();
        const c = await store.rotateCode(cid);
        log(`class ${cid} has a new join code`);
        await emitClassChange(cid);
        return { code: c.code };
      },
      [E.remove]: async ({ memberId }) => {
        const removed = await store.remove(cid, memberId);
        if (!removed) throw new ClassroomError('not-found', { key: 'classroom.error.noLearner' });
        // Their pages hear it first, then lose their sockets; the token now
        // answers "removed" at the handshake, so a reconnect gets nowhere.
        io.to(rooms.member(cid, memberId)).emit(E.removed);
        io.in(rooms.member(cid, memberId)).disconnectSockets(true);
        if (following === memberId) { await socket.leave(rooms.follow(cid, memberId)); following = null; }
        const s = await store.spotlight(cid);
        if (s?.kind === 'member' && s.memberId === memberId) {
          await store.update(cid, { spotlight: null });
          await emitSpotlight(cid, null);
        }
        log(`member ${memberId} removed from class ${cid}`);
        await emitClassChange(cid);
        return { displayName: removed.displayName };
      },
      [E.end]: async () => {
        const c = await store.get(cid);
        if (!c?.endedAt) await store.update(cid, { endedAt: new Date(), spotlight: null });
        await emitClassChange(cid);
        await emitSpotlight(cid, null);
        log(`class ${cid} ended`);
      },
      [E.follow]: async ({ memberId }) => {
        if (following) await socket.leave(rooms.follow(cid, following));
        following = null;
        if (!memberId) return { detail: null };
        const detail = await store.detail(cid, memberId);
        if (!detail) throw new ClassroomError('not-found', { key: 'classroom.error.noLearner' });
        following = memberId;
        await socket.join(rooms.follow(cid, memberId));
        return { detail };
      },
      [E.spotlight]: async ({ target, toLearners }) => {
        if (target?.kind === 'member' && !(await store.detail(cid, target.memberId))) throw new ClassroomError('not-found', { key: 'classroom.error.noLearner' });
        const s: SpotlightState = !target ? null
          : target.kind === 'member' ? { kind: 'member', memberId: target.memberId, toLearners }
            : { kind: 'instructor', dockerfile: target.dockerfile, toLearners };
        const c = await store.update(cid, { spotlight: s });
        io.to(rooms.teach(cid)).emit(E.roster, await store.snapshot(c.id));
        await emitSpotlight(cid, s);
      },
    }, serveOptions(socket));
  }

  async function learner(socket: Socket, cid: string, mid: string) {
    await socket.join([rooms.learn(cid), rooms.member(cid, mid)]);
    const row = await store.setStatus(mid, 'online');
    io.to(rooms.teach(cid)).emit(E.row, row);
    const snap = await store.snapshot(cid);
    if (snap) {
      const feed: ClassFeed = { classroom: snap.classroom, messages: snap.messages, you: row };
      socket.emit(E.classState, feed);
      socket.emit(E.spotlightShow, snap.spotlight?.toLearners ? await spotlightView(cid, snap.spotlight) : null);
    }

    serveClassEvents(socket, LearnerEvents, {
      [E.report]: async (report) => {
        const c = await store.get(cid);
        if (c?.endedAt) throw new ClassroomError('ended', { key: 'classroom.error.ended' });
        // The lock holds here, not only in the learner's page (lib/classroom/lock.ts).
        const { accepted, refused } = splitLockedReport(Boolean(c?.locked), c?.locked ? await store.detail(cid, mid) : null, report);
        if (refused.length && Object.keys(accepted).length === 0) throw new ClassroomError('locked', LOCKED_MESSAGE);
        const { row, detail } = await store.report(mid, accepted);
        io.to(rooms.teach(cid)).emit(E.row, row);
        io.to(rooms.follow(cid, mid)).emit(E.followed, detail);
        const s = await store.spotlight(cid);
        if (s?.kind === 'member' && s.memberId === mid) {
          const view: SpotlightView = { kind: 'member', detail };
          io.to(rooms.teach(cid)).emit(E.spotlightShow, view);
          if (s.toLearners) io.to(rooms.learn(cid)).emit(E.spotlightShow, view);
        }
        if (refused.length) throw new ClassroomError('locked', LOCKED_MESSAGE);
      },
    }, serveOptions(socket));

    socket.on('disconnect', async () => {
      // Another tab of the same learner keeps them online.
      const others = await io.in(rooms.member(cid, mid)).fetchSockets();
      if (others.length > 0) return;
      try {
        io.to(rooms.teach(cid)).emit(E.row, await store.setStatus(mid, 'offline'));
      } catch (e) {
        log(`marking ${mid} offline failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    });
  }

  io.on('connection', (socket) => {
    const data = socket.data as SocketData;
    const ready = data.role === 'instructor' ? instructor(socket, data.classroomId)
      : data.role === 'learner' ? learner(socket, data.classroomId, data.memberId)
        : (lobby(socket), Promise.resolve());
    ready.catch((e: unknown) => {
      log(`connection set-up failed: ${e instanceof Error ? e.message : String(e)}`);
      socket.disconnect(true);
    });
  });

  return {
    io,
    store,
    close: () => new Promise<void>((resolve) => {
      io.close(() => resolve());
    }),
  };
}

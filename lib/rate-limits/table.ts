// Every limit a visitor without an account meets, in one table: what it
// counts, how many, over how long. The sandbox server, the web's route
// handlers and the classroom socket all build their limiters from here
// (rate-limiter/limiters.ts), so a limit has one name in the code, in the
// 429 a client gets and in the words the page shows. Pure.
import { sessionsPerAddressCap, type Settings } from '../settings';

// Rate limits: points per window, per key (an address, unless said otherwise).
export type RateLimitName = 'session-create' | 'progress-write' | 'progress-learner' | 'class-create';
// Quotas: a count of what exists now, not a rate; named here so a 429 can say which was hit.
export type QuotaName = 'sessions-per-address' | 'sessions-per-host' | 'progress-total';
// The classroom's join windows (lib/classroom/join-rate.ts says who pays for
// an attempt): refusals per address, over all classes and on one code, and
// seats per code. Answered on the socket, not as a 429.
export type JoinLimitName = 'join-refused' | 'join-refused-class' | 'join-seats';
export type LimitName = RateLimitName | QuotaName | JoinLimitName;

export interface RateLimitSpec { name: RateLimitName | JoinLimitName; points: number; durationSeconds: number }

export interface JoinLimitCounts { refusalsPerAddress: number; refusalsPerAddressInClass: number; seatsPerCode: number }

export function joinLimitSpecs(l: JoinLimitCounts, windowSeconds: number): Record<JoinLimitName, RateLimitSpec> {
  return {
    'join-refused': { name: 'join-refused', points: l.refusalsPerAddress, durationSeconds: windowSeconds },
    'join-refused-class': { name: 'join-refused-class', points: l.refusalsPerAddressInClass, durationSeconds: windowSeconds },
    'join-seats': { name: 'join-seats', points: l.seatsPerCode, durationSeconds: windowSeconds },
  };
}

export type LimitSettings = Pick<Settings, 'sessionRatePerMinute' | 'progressWritesPerMinute' | 'progressLearnersPerHour'>;

export function rateLimitSpecs(s: LimitSettings, classesPerHour: number): Record<RateLimitName, RateLimitSpec> {
  return {
    // New sessions and new class starters (each starter is a session of its own).
    'session-create': { name: 'session-create', points: s.sessionRatePerMinute, durationSeconds: 60 },
    'progress-write': { name: 'progress-write', points: s.progressWritesPerMinute, durationSeconds: 60 },
    // A learner id the database has not seen: each one is new rows kept for good.
    'progress-learner': { name: 'progress-learner', points: s.progressLearnersPerHour, durationSeconds: 3600 },
    'class-create': { name: 'class-create', points: classesPerHour, durationSeconds: 3600 },
  };
}

export interface SessionQuotas { perAddress: number; perHost: number }

export function sessionQuotas(s: Pick<Settings, 'sessionsPerAddress' | 'sessionsPerHost'>): SessionQuotas {
  return { perAddress: sessionsPerAddressCap(s), perHost: s.sessionsPerHost };
}

/** A refusal by one limit: which, and when to come back (whole seconds, at least 1). */
export interface LimitRefusal { limit: LimitName; retryAfterSeconds: number }

export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

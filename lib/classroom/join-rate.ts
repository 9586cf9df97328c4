// How often a class may be joined (and created): refused joins per client
// address (guessing codes, flooding a class with taken names) and seats per
// join code (a code shared too widely), counted by rate-limiter-flexible
// (classroom-server/join-gate.ts); class creations by the shared limiter
// (rate-limiter/limiters.ts). Pure: the counts come in.
import type { Phrase } from '../i18n';

export interface JoinRateLimits { refusalsPerAddress: number; refusalsPerAddressInClass: number; seatsPerCode: number }

export type JoinLimitBy = 'address' | 'address-in-class' | 'code';
export type JoinRateDecision = { allowed: true } | { allowed: false; by: JoinLimitBy; retryAfterSeconds: number };

/** What a window has counted so far for one key (null: nothing yet). */
export interface WindowCount { consumed: number; msBeforeNext: number }

// Who pays for a join attempt. A refused attempt (unknown code, name taken,
// class full or closed, a removed member) is charged to the address that
// made it, over all classes and on this code; a join that takes a seat is
// charged to the code. So a classmate who floods a class with taken names
// spends only their own allowance: the code stays open to everyone else,
// and a class behind one school address still joins in full.
export function decideJoin(counts: Record<JoinLimitBy, WindowCount | null>, limits: JoinRateLimits): JoinRateDecision {
  const order: [JoinLimitBy, number][] = [
    ['address', limits.refusalsPerAddress], ['address-in-class', limits.refusalsPerAddressInClass], ['code', limits.seatsPerCode],
  ];
  for (const [by, limit] of order) {
    const c = counts[by];
    if (c && c.consumed >= limit) return { allowed: false, by, retryAfterSeconds: Math.max(1, Math.ceil(c.msBeforeNext / 1000)) };
  }
  return { allowed: true };
}

// The wait in whole seconds, or minutes once it is a minute or more; the
// words come from the dictionary, in the language of whoever asked to join.
export function waitPhrase(retryAfterSeconds: number): Phrase {
  return retryAfterSeconds < 60
    ? { key: 'classroom.wait.seconds', vars: { n: retryAfterSeconds } }
    : { key: 'classroom.wait.minutes', vars: { n: Math.ceil(retryAfterSeconds / 60) } };
}

const RATE_KEYS = { address: 'classroom.error.rateAddress', 'address-in-class': 'classroom.error.rateAddressInClass', code: 'classroom.error.rateCode' } as const;

export function joinRateMessage(d: Extract<JoinRateDecision, { allowed: false }>): Phrase {
  return { key: RATE_KEYS[d.by], vars: { wait: waitPhrase(d.retryAfterSeconds) } };
}

/** A class creation refused by the per-address window. */
export function createRateMessage(retryAfterSeconds: number): Phrase {
  return { key: 'classroom.error.rateCreate', vars: { wait: waitPhrase(retryAfterSeconds) } };
}

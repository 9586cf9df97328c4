// A 429 in the reader's language: the limit's name and the wait the server
// sent (Retry-After) become a phrase the page words for itself, so a refusal
// reads the same in English and Chinese whatever the server's own text was.
import type { Phrase } from '../i18n';
import type { LimitName } from './table';

const KNOWN: readonly LimitName[] = [
  'session-create', 'progress-write', 'progress-learner', 'class-create', 'sessions-per-address', 'sessions-per-host', 'progress-total',
];

export function isLimitName(v: unknown): v is LimitName {
  return typeof v === 'string' && (KNOWN as readonly string[]).includes(v);
}

export function waitPhrase(seconds: number): Phrase {
  return seconds < 60
    ? { key: 'limits.wait.seconds', vars: { n: Math.max(1, Math.ceil(seconds)) } }
    : { key: 'limits.wait.minutes', vars: { n: Math.ceil(seconds / 60) } };
}

// The Retry-After header in seconds (delta form; an HTTP date is read too), or undefined.
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

/** What the page says for a refusal; a limit it does not know reads as the generic one. */
export function limitPhrase(limit: string | undefined, retryAfter: number | undefined): Phrase {
  const wait = waitPhrase(retryAfter ?? 60);
  switch (limit) {
    case 'session-create': return { key: 'limits.sessionCreate', vars: { wait } };
    case 'sessions-per-address': return { key: 'limits.sessionsPerAddress', vars: { wait } };
    case 'sessions-per-host': return { key: 'limits.sessionsPerHost', vars: { wait } };
    case 'progress-write': case 'progress-learner': return { key: 'limits.progress', vars: { wait } };
    case 'progress-total': return { key: 'limits.progressTotal' };
    case 'class-create': return { key: 'limits.classCreate', vars: { wait } };
    default: return { key: 'limits.generic', vars: { wait } };
  }
}

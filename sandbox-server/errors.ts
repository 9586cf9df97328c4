import type { LimitName } from '../lib/rate-limits/table';

// One catalog of the error codes the API answers with, and the HTTP status
// each one carries. Routes throw ApiFailure; the app turns it into
// {"error":{"code","message"}}.
export const ErrorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  // A socket event no handler serves (the socket's own "404").
  unknown_event: 404,
  conflict: 409,
  too_large: 413,
  policy: 422,
  quota: 429,
  // Input a terminal does not read is refused rather than kept.
  busy: 503,
  engine: 502,
  timeout: 504,
  internal: 500,
} as const;
export type ErrorCode = keyof typeof ErrorCodes;

// A refusal by a named limit (lib/rate-limits/table.ts) says which limit and
// when to come back: the answer carries both, and a Retry-After header.
export interface LimitDetail { limit: LimitName; retryAfterSeconds: number }

export class ApiFailure extends Error {
  constructor(readonly code: ErrorCode, message: string, readonly detail?: LimitDetail) { super(message); }
  get status(): number { return ErrorCodes[this.code]; }
}

export const fail = (code: ErrorCode, message: string): never => { throw new ApiFailure(code, message); };

// The engine's own answers that are the caller's fault, not ours.
export function fromEngineError(err: unknown, what: string): ApiFailure {
  if (err instanceof ApiFailure) return err;
  const e = err as { statusCode?: number; json?: { message?: string }; message?: string };
  const message = e.json?.message ?? e.message ?? String(err);
  if (e.statusCode === 404) return new ApiFailure('not_found', `${what}: ${message}`);
  if (e.statusCode === 409) return new ApiFailure('conflict', `${what}: ${message}`);
  if (e.statusCode === 400) return new ApiFailure('bad_request', `${what}: ${message}`);
  if (e.statusCode === 304) return new ApiFailure('conflict', `${what}: already in that state`);
  return new ApiFailure('engine', `${what}: ${message}`);
}

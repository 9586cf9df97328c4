import { Router } from 'express';
import { ApiFailure } from '../errors';
import { RateLimiter } from '../sessions/rate-limit';
import { removalStatus } from '../sessions/removal-report';
import { sessionOf, type Services } from './context';

export function sessionRoutes(s: Services): Router {
  const r = Router();
  const limiter = new RateLimiter(s.settings.sessionRatePerMinute);
  r.post('/v1/sessions', async (req, res) => {
    // By the socket's address: a forwarded-for header is the client's to forge.
    const decision = limiter.take(req.socket.remoteAddress ?? 'unknown');
    if (!decision.ok) {
      res.setHeader('Retry-After', String(decision.retryAfterSeconds));
      throw new ApiFailure('quota', `Too many new sessions from this address (sessions per minute: ${s.settings.sessionRatePerMinute}). Try again in ${decision.retryAfterSeconds} s.`);
    }
    const { session, token } = await s.sessions.create();
    res.status(201).json({ id: session.id, token, expiresAt: new Date(session.expiresAt).toISOString() });
  });
  r.get('/v1/sessions/:id', (req, res) => {
    const session = sessionOf(s, req);
    res.json({ id: session.id, expiresAt: new Date(session.expiresAt).toISOString(), building: s.builds.isBuilding(session.id) });
  });
  // Never a 500: what could not be removed is listed (207), and the reaper
  // removes it later, since the session is no longer live.
  r.delete('/v1/sessions/:id', async (req, res) => {
    const session = sessionOf(s, req);
    const { containers, images, leftovers } = await s.reaper.removeSession(session.id);
    res.status(removalStatus({ containers, images, leftovers })).json({ ok: leftovers.length === 0, removed: { containers, images }, leftovers });
  });
  return r;
}

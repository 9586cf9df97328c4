import { Router } from 'express';
import { ApiFailure } from '../errors';
import { sandboxCapabilities } from '../registry/capabilities';
import { removalStatus } from '../sessions/removal-report';
import { requestAddress, sessionOf, type Services } from './context';

export function sessionRoutes(s: Services): Router {
  const r = Router();
  r.post('/v1/sessions', async (req, res) => {
    const address = requestAddress(s, req);
    const decision = await s.limiters['session-create'].take(address);
    if (!decision.ok) {
      throw new ApiFailure('quota', `Too many new sessions from your address (sessions per minute: ${s.settings.sessionRatePerMinute}). Try again in ${decision.retryAfterSeconds} s.`, decision);
    }
    const { session, token } = await s.sessions.create(address);
    res.status(201).json({ id: session.id, token, expiresAt: new Date(session.expiresAt).toISOString() });
  });
  r.get('/v1/sessions/:id', (req, res) => {
    const session = sessionOf(s, req);
    res.json({ id: session.id, expiresAt: new Date(session.expiresAt).toISOString(), building: s.builds.isBuilding(session.id) });
  });
  // The engine the session's containers run on, as lesson 1 compares it with
  // `uname -r` in a container: the runtime and the host's kernel release, and
  // the sandbox's optional parts that answer (the lesson replay skips none).
  // Only to a session's holder; the public /healthz says no more than ok.
  r.get('/v1/sessions/:id/engine', async (req, res) => {
    sessionOf(s, req);
    const [{ runtime, kernelVersion }, capabilities] = await Promise.all([
      s.engine.info().catch((err: Error) => { throw new ApiFailure('engine', `The Docker Engine does not answer: ${err.message}`); }),
      sandboxCapabilities(s.settings),
    ]);
    res.json({ runtime, ...(kernelVersion ? { kernelVersion } : {}), capabilities });
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

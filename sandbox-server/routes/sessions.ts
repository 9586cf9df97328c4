import { Router } from 'express';
import { sessionOf, type Services } from './context';

export function sessionRoutes(s: Services): Router {
  const r = Router();
  r.post('/v1/sessions', async (_req, res) => {
    const { session, token } = await s.sessions.create();
    res.status(201).json({ id: session.id, token, expiresAt: new Date(session.expiresAt).toISOString() });
  });
  r.get('/v1/sessions/:id', (req, res) => {
    const session = sessionOf(s, req);
    res.json({ id: session.id, expiresAt: new Date(session.expiresAt).toISOString(), building: s.builds.isBuilding(session.id) });
  });
  r.delete('/v1/sessions/:id', async (req, res) => {
    const session = sessionOf(s, req);
    const removed = await s.reaper.removeSession(session.id);
    res.json({ ok: true, removed });
  });
  return r;
}

import { Router } from 'express';
import type { Services } from './context';

export function healthRoutes(s: Services): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    try {
      const engine = await s.engine.info();
      res.json({ ok: true, engine, sessions: s.sessions.live().length });
    } catch (err) {
      res.status(503).json({ ok: false, error: { code: 'engine', message: `The Docker Engine does not answer: ${(err as Error).message}` } });
    }
  });
  return r;
}

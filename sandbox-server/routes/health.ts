import { Router } from 'express';
import { checkNetworkPolicy } from '../policy/network-check';
import { sandboxCapabilities } from '../registry/capabilities';
import type { Services } from './context';

export function healthRoutes(s: Services): Router {
  const r = Router();
  r.get('/healthz', async (_req, res) => {
    let engine;
    try {
      engine = await s.engine.info();
    } catch (err) {
      res.status(503).json({ ok: false, error: { code: 'engine', message: `The Docker Engine does not answer: ${(err as Error).message}` } });
      return;
    }
    const [network, buildNetwork] = await Promise.all([
      checkNetworkPolicy(s.engine, s.settings.sandboxNetwork),
      checkNetworkPolicy(s.engine, s.settings.buildNetwork),
    ]);
    // Without the network policy, learners' code would reach the host: not healthy.
    const ok = network.ok && buildNetwork.ok;
    res.status(ok ? 200 : 503).json({
      ok, engine, network, buildNetwork, sessions: s.sessions.live().length,
      capabilities: await sandboxCapabilities(s.settings),
    });
  });
  return r;
}

import { Router } from 'express';
import { checkNetworkPolicy } from '../policy/network-check';
import { sandboxCapabilities } from '../registry/capabilities';
import { diskStatus } from '../sessions/disk-status';
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
    const [network, buildNetwork, disk] = await Promise.all([
      checkNetworkPolicy(s.engine, s.settings.sandboxNetwork),
      checkNetworkPolicy(s.engine, s.settings.buildNetwork),
      diskStatus(s.engine).catch((err) => ({ enforcement: 'measured' as const, error: (err as Error).message })),
    ]);
    // Without the network policy, learners' code would reach the host: not healthy.
    const ok = network.ok && buildNetwork.ok;
    res.status(ok ? 200 : 503).json({
      ok, engine, network, buildNetwork, disk, sessions: s.sessions.live().length,
      capabilities: await sandboxCapabilities(s.settings),
    });
  });
  return r;
}

// Push to and pull from the lesson registry (registry/registry-service.ts).
import { Router } from 'express';
import { RegistryRefRequest } from '../../lib/protocol';
import type { RegistryService } from '../registry/registry-service';
import { parseBody, sessionOf, type Services } from './context';

export function registryRoutes(s: Services, registry: RegistryService): Router {
  const r = Router();
  r.post('/v1/sessions/:id/images/:ref/push', async (req, res) => {
    const session = sessionOf(s, req);
    const { ref } = parseBody(RegistryRefRequest, req.body);
    res.json(await registry.push(session, String(req.params.ref), ref));
  });
  r.post('/v1/sessions/:id/pulls', async (req, res) => {
    const session = sessionOf(s, req);
    const { ref } = parseBody(RegistryRefRequest, req.body);
    res.json(await registry.pull(session, ref));
  });
  return r;
}

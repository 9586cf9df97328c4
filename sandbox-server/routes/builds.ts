import { Router } from 'express';
import { BuildRequest } from '../../lib/protocol';
import { parseBody, sessionOf, type Services } from './context';

export function buildRoutes(s: Services): Router {
  const r = Router();
  r.post('/v1/sessions/:id/builds', async (req, res) => {
    const session = sessionOf(s, req);
    // A remote context is refused as a policy event, like the engine's own
    // `remote` parameter would have been used.
    const raw = { ...(req.body ?? {}) } as Record<string, unknown>;
    const remote = raw.remote !== undefined || req.query.remote !== undefined;
    delete raw.remote;
    const request = parseBody(BuildRequest, raw);
    const build = await s.builds.prepare(session, request, { remote });
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Build-Id', build.buildId);
    res.flushHeaders();
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    await s.builds.run(build, (event) => { res.write(JSON.stringify(event) + '\n'); }, gone.signal);
    res.end();
  });
  return r;
}

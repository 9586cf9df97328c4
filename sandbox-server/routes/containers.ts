import { Router } from 'express';
import { CommitRequest, CreateContainerRequest, ExecRequest } from '../../lib/protocol';
import { ApiFailure } from '../errors';
import { parseBody, sessionOf, type Services } from './context';

export function containerRoutes(s: Services): Router {
  const r = Router();
  const cid = (req: { params: Record<string, unknown> }) => String(req.params.cid);
  r.get('/v1/sessions/:id/containers', async (req, res) => {
    res.json(await s.containers.list(sessionOf(s, req)));
  });
  r.post('/v1/sessions/:id/containers', async (req, res) => {
    const session = sessionOf(s, req);
    res.status(201).json(await s.containers.create(session, parseBody(CreateContainerRequest, req.body)));
  });
  r.get('/v1/sessions/:id/containers/:cid', async (req, res) => {
    res.json(await s.containers.inspect(sessionOf(s, req), cid(req)));
  });
  for (const action of ['start', 'stop', 'kill'] as const) {
    r.post(`/v1/sessions/:id/containers/:cid/${action}`, async (req, res) => {
      res.json(await s.containers[action](sessionOf(s, req), cid(req)));
    });
  }
  r.delete('/v1/sessions/:id/containers/:cid', async (req, res) => {
    await s.containers.remove(sessionOf(s, req), cid(req));
    res.json({ ok: true });
  });
  r.get('/v1/sessions/:id/containers/:cid/diff', async (req, res) => {
    res.json(await s.containers.diff(sessionOf(s, req), cid(req)));
  });
  // `docker logs [-f] [--since N]` as NDJSON lines (lib/protocol.ts ContainerLogEvent).
  r.get('/v1/sessions/:id/containers/:cid/logs', async (req, res) => {
    const session = sessionOf(s, req);
    const since = Number(req.query.since ?? 0);
    if (!Number.isInteger(since) || since < 0) throw new ApiFailure('bad_request', 'since is a Unix time in whole seconds.');
    const gone = new AbortController();
    res.on('close', () => { if (!res.writableFinished) gone.abort(); });
    const events = await s.logs.open(session, cid(req), { follow: req.query.follow === '1' || req.query.follow === 'true', since }, gone.signal);
    res.status(200);
    res.setHeader('Content-Type', 'application/x-ndjson');
    res.setHeader('Cache-Control', 'no-store');
    res.flushHeaders();
    try {
      for await (const event of events) res.write(JSON.stringify(event) + '\n');
    } catch (err) {
      res.write(JSON.stringify({ type: 'error', message: (err as Error).message }) + '\n');
    }
    res.end();
  });
  r.post('/v1/sessions/:id/containers/:cid/exec', async (req, res) => {
    const session = sessionOf(s, req);
    const { cmd } = parseBody(ExecRequest, req.body);
    res.json(await s.containers.exec(session, cid(req), cmd));
  });
  r.post('/v1/sessions/:id/containers/:cid/commit', async (req, res) => {
    const session = sessionOf(s, req);
    const { tag, changes } = parseBody(CommitRequest, req.body);
    res.status(201).json(await s.containers.commit(session, cid(req), tag, changes));
  });
  return r;
}

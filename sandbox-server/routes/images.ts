import { Router } from 'express';
import { z } from 'zod';
import { parseBody, sessionOf, type Services } from './context';

const TagRequest = z.object({ tag: z.string().min(1) }).strict();

export function imageRoutes(s: Services): Router {
  const r = Router();
  r.get('/v1/sessions/:id/images', async (req, res) => {
    res.json(await s.images.list(sessionOf(s, req)));
  });
  r.get('/v1/sessions/:id/images/:ref', async (req, res) => {
    res.json(await s.images.inspect(sessionOf(s, req), String(req.params.ref)));
  });
  r.delete('/v1/sessions/:id/images/:ref', async (req, res) => {
    res.json(await s.images.remove(sessionOf(s, req), String(req.params.ref)));
  });
  r.post('/v1/sessions/:id/images/:ref/tag', async (req, res) => {
    const session = sessionOf(s, req);
    const { tag } = parseBody(TagRequest, req.body);
    res.status(201).json(await s.images.tag(session, String(req.params.ref), tag));
  });
  r.get('/v1/sessions/:id/images/:ref/layers/:index/files', async (req, res) => {
    const session = sessionOf(s, req);
    const index = Number(req.params.index);
    res.json(await s.images.layerFiles(session, String(req.params.ref), index));
  });
  return r;
}

import { Router } from 'express';
import { StarterRequest } from '../../lib/protocol';
import { parseBody, requestAddress, type Services } from './context';

export function starterRoutes(s: Services): Router {
  const r = Router();
  // No session: the key names the content, and a new build is limited per address.
  r.post('/v1/starters', async (req, res) => {
    const request = parseBody(StarterRequest, req.body);
    const answer = await s.starters.warm(request, requestAddress(s, req));
    res.status(answer.built ? 201 : 200).json(answer);
  });
  return r;
}

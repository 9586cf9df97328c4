// What every route handler receives: the services, built once by the app.
import type { Request } from 'express';
import { addressKey, clientAddress } from '../../lib/net/client-address';
import type { Settings } from '../../lib/settings';
import type { Limiters } from '../../rate-limiter/limiters';
import type { BuildService } from '../builds/build-service';
import type { ContainerLogs } from '../containers/container-logs';
import type { ContainerService } from '../containers/container-service';
import type { Engine } from '../engine/engine';
import { ApiFailure } from '../errors';
import type { ImageService } from '../images/image-service';
import type { SessionRecord, SessionStore } from '../sessions/session-store';
import type { Reaper } from '../reaper';
import type { StarterService } from '../builds/starters';

export interface Services {
  settings: Settings;
  engine: Engine;
  sessions: SessionStore;
  builds: BuildService;
  containers: ContainerService;
  logs: ContainerLogs;
  images: ImageService;
  reaper: Reaper;
  starters: StarterService;
  limiters: Limiters;
}

// The key every per-address limit counts by (LAYERLAB_TRUST_PROXY decides
// whether X-Forwarded-For is believed at all).
export function requestAddress(services: Services, req: Request): string {
  return addressKey(clientAddress(req, services.settings.trustProxy));
}

export function bearer(req: Request): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.header('authorization') ?? '');
  return m?.[1];
}

// The session named in the path, opened by the request's token; counts as activity.
export function sessionOf(services: Services, req: Request): SessionRecord {
  const id = String(req.params.id);
  const session = services.sessions.authenticate(id, bearer(req));
  services.sessions.touch(session);
  return session;
}

export function parseBody<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    const detail = r.error.issues.map((i) => `${i.path.map(String).join('.') || 'body'}: ${i.message}`).join('; ');
    throw new ApiFailure('bad_request', `Invalid request: ${detail}`);
  }
  return r.data;
}

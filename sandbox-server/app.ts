// The sandbox server: HTTP routes and the socket.io channel over one
// engine. Tests start it in-process on port 0.
import express, { type NextFunction, type Request, type Response } from 'express';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server as SocketServer } from 'socket.io';
import { sandboxClientEvents, SocketEvents } from '../lib/protocol';
import type { Settings } from '../lib/settings';
import { BuildService } from './builds/build-service';
import { ContainerLogs } from './containers/container-logs';
import { ContainerService } from './containers/container-service';
import { coalescingEngine } from './engine/coalescing-engine';
import { DockerEngine } from './engine/docker-engine';
import type { Engine } from './engine/engine';
import { ApiFailure } from './errors';
import { ImageService } from './images/image-service';
import { Reaper } from './reaper';
import { RegistryService } from './registry/registry-service';
import { buildRoutes } from './routes/builds';
import { starterRoutes } from './routes/starters';
import { StarterService } from './builds/starters';
import { DockerfileMemory } from './world/dockerfile-memory';
import { rateLimitSpecs, sessionQuotas } from '../lib/rate-limits/table';
import { defaultClassroomLimit } from '../lib/classroom/limits';
import { createLimiters, limiterStore } from '../rate-limiter/limiters';
import { containerRoutes } from './routes/containers';
import type { Services } from './routes/context';
import { healthRoutes } from './routes/health';
import { imageRoutes } from './routes/images';
import { registryRoutes } from './routes/registry';
import { sessionRoutes } from './routes/sessions';
import { DiskGuard } from './sessions/disk-guard';
import { Quotas } from './sessions/quotas';
import { SessionRemoval } from './sessions/session-removal';
import { SessionScope } from './sessions/scope';
import { SessionStore } from './sessions/session-store';
import { disconnectSession, useSocketAuth } from './socket/auth';
import { buildHandlers } from './socket/builds';
import { roomOf } from './socket/rooms';
import { serveSandboxEvents } from './socket/serve';
import { snapshotHandlers } from './socket/snapshot';
import { useSocketLimit } from './socket/socket-limit';
import { TerminalSlots } from './socket/terminal-slots';
import { terminalHandlers } from './socket/terminals';
import { WorldFeed } from './socket/world-feed';
import { WorldReader } from './world/world-reader';

export interface SandboxDeps {
  settings: Settings;
  engine?: Engine;
  reaperIntervalMs?: number;
  diffPollMs?: number;
  diskCheckMs?: number;
}

export interface SandboxServer {
  listen(port?: number, host?: string): Promise<{ port: number }>;
  close(): Promise<void>;
  services: Services;
  http: HttpServer;
}

function cors(req: Request, res: Response, next: NextFunction) {
  // Bearer tokens, no cookies: any origin may call.
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  res.setHeader('Access-Control-Expose-Headers', 'X-Build-Id, Retry-After');
  res.setHeader('Access-Control-Max-Age', '600');
  if (req.method === 'OPTIONS') { res.status(204).end(); return; }
  next();
}

function errorHandler(err: unknown, _req: Request, res: Response, _next: NextFunction) {
  void _next;
  let failure: ApiFailure;
  if (err instanceof ApiFailure) failure = err;
  else if ((err as { type?: string }).type === 'entity.parse.failed') failure = new ApiFailure('bad_request', 'The body is not valid JSON.');
  else if ((err as { type?: string }).type === 'entity.too.large') failure = new ApiFailure('too_large', 'The body is larger than this server accepts (see LAYERLAB_CONTEXT_BYTES).');
  else {
    console.error(err);
    failure = new ApiFailure('internal', `Unexpected failure: ${(err as Error).message ?? String(err)}`);
  }
  if (res.headersSent) { res.end(); return; }
  const detail = failure.detail ? { limit: failure.detail.limit, retryAfterSeconds: failure.detail.retryAfterSeconds } : {};
  if (failure.detail) res.setHeader('Retry-After', String(failure.detail.retryAfterSeconds));
  res.status(failure.status).json({ error: { code: failure.code, message: failure.message, ...detail } });
}

// A backstop only: changes are heard on the engine's event stream at once.
const LISTING_REUSE_MS = 10_000;

export function createSandboxServer(deps: SandboxDeps): SandboxServer {
  const { settings } = deps;
  // Identical concurrent listings share one engine call, and the images
  // listing is reused while nothing changed (see coalescing-engine.ts).
  const engine = coalescingEngine(deps.engine ?? new DockerEngine(settings.dockerSocket), { reuseListingMs: LISTING_REUSE_MS });
  const http = createServer();
  // The largest message is a build request with its context (base64 makes
  // binary files a third larger); every event's own cap is in its table.
  const buildBytes = Math.ceil(settings.contextMaxBytes * 1.5) + 64 * 1024;
  const io = new SocketServer(http, { cors: { origin: '*' }, maxHttpBufferSize: buildBytes });
  const clientEvents = sandboxClientEvents({ buildBytes });

  const quotasOfSessions = sessionQuotas(settings);
  const sessions = new SessionStore(engine, {
    ttlSeconds: settings.sessionTtlSeconds, maxSessions: quotasOfSessions.perHost, maxPerClient: quotasOfSessions.perAddress, origin: settings.sessionOrigin,
  });
  const limitStore = limiterStore(settings.databaseUrl);
  const limiters = createLimiters(rateLimitSpecs(settings, defaultClassroomLimit('classesPerAddress')), limitStore);
  const scope = new SessionScope(engine);
  const quotas = new Quotas(engine, settings, engine.versions.images);
  const disk = new DiskGuard(engine, quotas, settings.diskPerSession);
  // Records of built images' Dockerfiles wait until no build is running
  // (dockerfile-memory.ts); `builds` is only asked once records are queued.
  const dockerfiles = new DockerfileMemory(engine, undefined, { busy: (): boolean => builds.building > 0 });
  const world = new WorldReader(engine, scope, disk.reasons, dockerfiles);
  const feed = new WorldFeed(engine, world, scope, io, { pollMs: deps.diffPollMs ?? 500, nudgeMs: 100 });
  const builds = new BuildService(engine, scope, quotas, settings, (sessionId, buildId, event) => {
    io.to(roomOf(sessionId)).emit(SocketEvents.build, { buildId, event });
  }, dockerfiles, (id) => sessions.get(id)?.starter);
  const containers = new ContainerService(engine, scope, world, quotas, settings, (s, c) => feed.changed(s, c), disk);
  const images = new ImageService(engine, scope, world, quotas);
  // Lesson registry: push/pull for learners, cleaned with their sessions.
  const registry = new RegistryService(engine, scope, quotas, settings, (id, u) => io.to(roomOf(id)).emit(SocketEvents.world, u), settings.registryStorage);
  const removal = new SessionRemoval(engine, sessions, {
    onRemoved: (id) => disconnectSession(io, id),
    stopActivity: async (id) => { await Promise.all([builds.endSession(id), registry.stopSession(id)]); },
    settle: (id) => dockerfiles.settle(id),
    stepContainers: (id) => builds.stoppedStepContainers(id),
    onDone: (id) => builds.forgetSession(id),
    removeExternal: (id) => registry.removeSession(id),
  });
  const reaper = new Reaper(engine, sessions, removal, {
    intervalMs: deps.reaperIntervalMs ?? settings.reaperIntervalSeconds * 1000,
    buildTimeoutMs: settings.buildTimeoutSeconds * 1000,
    isBuilding: (id) => builds.isBuilding(id),
  });
  const starters = new StarterService(sessions, builds, quotas, reaper, limiters['session-create']);
  // A class's starter lives as long as its class builds with it.
  builds.onStarterUsed = (key) => { starters.find(key).catch(() => undefined); };
  const logs = new ContainerLogs(engine, scope, settings);
  const services: Services = { settings, engine, sessions, builds, containers, logs, images, reaper, starters, limiters };

  const app = express();
  app.disable('x-powered-by');
  app.use(cors);
  // Base64 makes binary files a third larger; JSON adds a little more.
  app.use(express.json({ limit: Math.ceil(settings.contextMaxBytes * 1.5) + 64 * 1024 }));
  app.use(healthRoutes(services));
  app.use(sessionRoutes(services));
  app.use(buildRoutes(services));
  app.use(starterRoutes(services));
  app.use(imageRoutes(services));
  app.use(containerRoutes(services));
  app.use(registryRoutes(services, registry));
  app.use((req, res) => { res.status(404).json({ error: { code: 'not_found', message: `No route ${req.method} ${req.path}` } }); });
  app.use(errorHandler);
  http.on('request', app);

  useSocketAuth(io, sessions);
  useSocketLimit(io, settings.socketsPerSession);
  const terminalSlots = new TerminalSlots(settings.terminalsPerSession);
  io.on('connection', (socket) => {
    serveSandboxEvents(socket, clientEvents, {
      ...snapshotHandlers(socket, world),
      ...buildHandlers(socket, builds),
      ...terminalHandlers(socket, { engine, scope, slots: terminalSlots, changed: (s, c) => feed.changed(s, c) }),
    }, settings.socketCallsPerSecond);
  });

  return {
    services,
    http,
    async listen(port = settings.sandboxPort, host?: string) {
      await sessions.recover();
      await reaper.reap().catch((err) => console.error(`reaper at start-up: ${(err as Error).message}`));
      reaper.start();
      registry.start(deps.reaperIntervalMs ?? settings.reaperIntervalSeconds * 1000, (id) => sessions.isLive(id));
      feed.start();
      disk.start(deps.diskCheckMs ?? settings.diskCheckSeconds * 1000);
      await new Promise<void>((resolve, reject) => { http.once('error', reject); http.listen(port, host, () => resolve()); });
      return { port: (http.address() as AddressInfo).port };
    },
    async close() {
      engine.stopWatching();
      feed.stop();
      await disk.stop();
      await reaper.stop();
      registry.stop();
      await sessions.flush();
      await dockerfiles.flush();
      io.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await limitStore.close();
    },
  };
}

// The production web: Next.js's request handler and the classroom socket on
// one HTTP server. `next start` cannot host socket.io, so the web starts
// here: `tsx server.ts` (port from LAYERLAB_WEB_PORT, build folder from
// NEXT_DIST_DIR like next.config.ts).
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { getDb } from './prisma/client';
import { loadClassroomLimits } from './lib/classroom/limits';
import { attachClassroomIo } from './classroom-server/classroom-io';
import { guardHeaders } from './web-server/header-net';
import { publicOrigin } from './lib/web/public-origin';
import { staticGzip } from './web-server/static-gzip';
import { CLIENT_ADDRESS_HEADER, clientAddress } from './lib/net/client-address';
import { webLimits } from './rate-limiter/web-limiters';

async function main() {
  const port = Number(process.env.LAYERLAB_WEB_PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`LAYERLAB_WEB_PORT must be a port number, got "${process.env.LAYERLAB_WEB_PORT}"`);
  const hostname = process.env.LAYERLAB_WEB_HOST ?? '0.0.0.0';
  const limits = loadClassroomLimits(process.env);
  // Every setting is checked here too; limits are shared with the route handlers.
  const { settings, limiters, joinLimiters } = webLimits(process.env);

  const app = next({ dev: false, dir: __dirname, hostname, port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const assets = staticGzip(path.join(__dirname, process.env.NEXT_DIST_DIR || '.next'));
  const server = http.createServer((req, res) => {
    // The route handlers' client address (lib/net/client-address.ts). Set
    // here on every request, so a copy the client sent never survives.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, settings.trustProxy);
    const pathname = (req.url ?? '/').split('?')[0];
    guardHeaders(res, process.env);
    if (assets.serve(req, res, pathname)) return;
    handle(req, res).catch((e: unknown) => {
      console.error('[web] request failed:', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('Internal error');
    });
  });
  const db = getDb();
  const classroom = await attachClassroomIo(server, { db, limits, trustProxy: settings.trustProxy, createLimiter: limiters['class-create'], joinLimiters, callsPerSecond: settings.socketCallsPerSecond });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  console.log(`[web] ready on http://localhost:${port} (classroom socket at /classroom-io, up to ${limits.classSize} learners a class)`);
  if (!process.env.LAYERLAB_PUBLIC_URL) {
    // Links are never built from a request's Host (a visitor writes it), so without the setting they name this machine.
    console.log(`[web] LAYERLAB_PUBLIC_URL is not set: share links, embed code and link previews say ${publicOrigin(process.env)}`);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[web] ${signal}: closing`);
    // A stuck keep-alive connection must not hold the process forever.
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    server.closeIdleConnections?.();
    await classroom.close(); // also closes the HTTP server
    await app.close().catch(() => undefined);
    await db.$disconnect().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error('[web] could not start:', e instanceof Error ? e.message : e);
  process.exit(1);
});

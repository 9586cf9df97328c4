// The classroom socket as its own process (what server.ts runs beside Next,
// without Next): a test can attack it and then ask whether the process is
// still there. PORT, DATABASE_URL (a migrated SQLite file) and the
// classroom limits (lib/classroom/limits.ts) from the environment; GET
// /healthz answers while the process lives.
import http from 'node:http';
import { createDb } from '../../prisma/client';
import { attachClassroomIo } from '../../classroom-server/classroom-io';
import { loadClassroomLimits } from '../../lib/classroom/limits';
import { loadSettings } from '../../lib/settings';

async function main() {
  const server = http.createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' });
    res.end(req.url === '/healthz' ? 'ok' : 'not found');
  });
  await attachClassroomIo(server, { db: createDb(process.env.DATABASE_URL), limits: loadClassroomLimits(process.env), callsPerSecond: loadSettings(process.env).socketCallsPerSecond });
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`classroom child on ${process.env.PORT}`));
}

main().catch((err) => { console.error(err); process.exit(1); });

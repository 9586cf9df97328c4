// Entry point: settings from the environment, then serve until a signal.
import { writeFileSync } from 'node:fs';
import { loadSettings, SettingsError } from '../lib/settings';
import { createSandboxServer } from './app';

async function main() {
  let settings;
  try { settings = loadSettings(process.env); } catch (err) {
    if (err instanceof SettingsError) { console.error(err.message); process.exit(2); }
    throw err;
  }
  const server = createSandboxServer({ settings });
  const { port } = await server.listen(settings.sandboxPort);
  const { version, runtime } = await server.services.engine.info();
  console.log(`sandbox server on :${port} (Docker Engine ${version}, default runtime ${runtime})`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: closing`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // For the memory benchmark (npm run bench starts the server with node
  // --expose-gc): SIGUSR2 runs a full collection and writes the heap's use
  // to LAYERLAB_MEMORY_REPORT, so a figure is not the collector's mood.
  // Otherwise the signal does nothing (rather than end the process, its default).
  process.on('SIGUSR2', () => {
    (globalThis as { gc?: () => void }).gc?.();
    const report = process.env.LAYERLAB_MEMORY_REPORT;
    if (report) writeFileSync(report, JSON.stringify(process.memoryUsage()));
  });
}

main().catch((err) => { console.error(err); process.exit(1); });

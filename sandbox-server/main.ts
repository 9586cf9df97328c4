// Entry point: settings from the environment, then serve until a signal.
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
}

main().catch((err) => { console.error(err); process.exit(1); });

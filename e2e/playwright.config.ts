import { defineConfig } from '@playwright/test';
import { OPERATOR_TOKEN } from './support/operator';

// The end-to-end tier drives the production build in Debian's Chromium
// against the real sandbox server and engine. Ports differ from npm start's
// so tests can run beside a running product.
const webPort = Number(process.env.LAYERLAB_WEB_PORT ?? 3300);
const sandboxPort = Number(process.env.LAYERLAB_SANDBOX_PORT ?? 4300);
const sandboxUrl = `http://localhost:${sandboxPort}`;

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: '../test-results',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${webPort}`,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
        '--disable-sync', '--disable-quic', '--no-first-run'],
    },
  },
  webServer: [
    {
      command: 'node_modules/.bin/tsx sandbox-server/main.ts',
      cwd: '..',
      url: `${sandboxUrl}/healthz`,
      // Every test's browser is one client address (localhost), standing for
      // a whole class: it may hold as many live sessions as the host allows.
      env: { LAYERLAB_SANDBOX_PORT: String(sandboxPort), NODE_ENV: 'production', LAYERLAB_SESSIONS_PER_ADDRESS: process.env.LAYERLAB_SESSIONS_PER_ADDRESS ?? '60',
        LAYERLAB_OPERATOR_TOKEN: OPERATOR_TOKEN },
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'pipe',
    },
    {
      command: 'node_modules/.bin/tsx server.ts',
      cwd: '..',
      url: `http://localhost:${webPort}/`,
      // NEXT_DIST_DIR: the build folder to serve, the one `next build` wrote
      // (a run beside others builds into its own).
      // LAYERLAB_TRUST_PROXY=1: tests stand for many clients by naming them in
      // X-Forwarded-For, as a proxy in front would (share and join limits).
      env: { LAYERLAB_WEB_PORT: String(webPort), LAYERLAB_SANDBOX_URL: sandboxUrl, NODE_ENV: 'production', DATABASE_URL: process.env.DATABASE_URL ?? 'file:./data/test.db',
        LAYERLAB_TRUST_PROXY: process.env.LAYERLAB_TRUST_PROXY ?? '1',
        ...(process.env.NEXT_DIST_DIR ? { NEXT_DIST_DIR: process.env.NEXT_DIST_DIR } : {}) },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});

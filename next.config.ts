import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole project as its own tier; the build
  // need not do it a second time.
  typescript: { ignoreBuildErrors: true },
  // Security headers are set per request by proxy.ts (lib/web/security-headers.ts),
  // on the path Next.js routes, with a fresh script nonce and the sandbox
  // address of the running server's settings.

  // Lets several dev servers (one per engineer or test) share a checkout.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // In the browser, Node's https is a stub (components/editor/no-https.ts).
  turbopack: { resolveAlias: { https: { browser: './components/editor/no-https.ts' } } },
  // The sandbox server is a separate process; keep its engine client and
  // native database bindings out of the web bundle.
  serverExternalPackages: ['dockerode', 'better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', 'pg', 'rate-limiter-flexible'],
};

export default config;

import type { NextConfig } from 'next';

const config: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sandbox server is a separate process; keep its engine client and
  // native database bindings out of the web bundle.
  serverExternalPackages: ['dockerode', 'better-sqlite3', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg'],
};

export default config;

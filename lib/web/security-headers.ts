// Security headers of every page, as next.config.ts headers() entries. Pure:
// the environment comes in as an argument. headers() is read when the web is
// built, so the sandbox origin is the one known at build time.

export interface HeaderEntry { source: string; headers: { key: string; value: string }[] }

// Where the browser talks to the sandbox server: LAYERLAB_SANDBOX_URL when
// set, otherwise the page's own host on the sandbox port, which CSP can only
// say as "any host on that port" (http://*:4000).
export function sandboxSources(env: Record<string, string | undefined>): string[] {
  const url = env.LAYERLAB_SANDBOX_URL?.trim();
  if (url) {
    const u = new URL(url);
    const ws = u.protocol === 'https:' ? 'wss:' : 'ws:';
    return [u.origin, `${ws}//${u.host}`];
  }
  const port = env.LAYERLAB_SANDBOX_PORT?.trim() || '4000';
  return [`http://*:${port}`, `ws://*:${port}`, `https://*:${port}`, `wss://*:${port}`];
}

export function contentSecurityPolicy(env: Record<string, string | undefined>, frameAncestors: string): string {
  const dev = env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    // Next's inline bootstrap needs 'unsafe-inline' (no nonces here); its dev
    // server also evaluates code for fast refresh.
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    // Monaco starts its workers from same-origin files or blob: URLs.
    "worker-src 'self' blob:",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${sandboxSources(env).join(' ')}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
}

const common = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

// Embeds are made to be framed by any site (a teacher's blog, a course
// page); every other page may not be framed at all.
export const EMBED_SOURCE = '/embed/:path*';
export const PAGE_SOURCE = '/:path((?!embed(?:/|$)).*)';

export function securityHeaders(env: Record<string, string | undefined>): HeaderEntry[] {
  return [
    {
      source: PAGE_SOURCE,
      headers: [...common, { key: 'X-Frame-Options', value: 'DENY' }, { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, "'none'") }],
    },
    {
      source: EMBED_SOURCE,
      headers: [...common, { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, '*') }],
    },
  ];
}

// The same headers chosen per request, so the production server applies the
// sandbox address of its own environment rather than the build's.
export function headersForPath(pathname: string, env: Record<string, string | undefined>): { key: string; value: string }[] {
  const [page, embed] = securityHeaders(env);
  return /^\/embed(\/|$)/.test(pathname) ? embed.headers : page.headers;
}

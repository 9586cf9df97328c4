// Security headers of every response of the web, chosen per request by the
// proxy (proxy.ts) on the path Next.js routes. Pure: the environment and the
// request's nonce come in as arguments.

export interface Header { key: string; value: string }

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

/**
 * The policy of one response. With a nonce, inline scripts run only when
 * they carry it (Next.js puts it on its own bootstrap scripts); without one
 * (a response the proxy did not see: a static file) no inline script runs.
 */
export function contentSecurityPolicy(env: Record<string, string | undefined>, frameAncestors: string, nonce?: string): string {
  const dev = env.NODE_ENV !== 'production';
  return [
    "default-src 'self'",
    // Same-origin files are the build's own chunks (Monaco's lazily loaded
    // ones too); the dev server also evaluates code for fast refresh.
    `script-src 'self'${nonce ? ` 'nonce-${nonce}'` : ''}${dev ? " 'unsafe-eval'" : ''}`,
    // Monaco starts its workers from same-origin files or blob: URLs.
    "worker-src 'self' blob:",
    // Monaco and xterm write <style> elements at run time and take no nonce
    // for them, so inline styles stay allowed (a nonce here would switch
    // 'unsafe-inline' off); styles cannot run code.
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

export const COMMON_HEADERS: readonly Header[] = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];

const EMBED = /^\/embed(?:\/|$)/;

// Dot segments resolved as a URL parser resolves them ("%2e" counts as a
// dot, a backslash as a slash), repeated slashes collapsed.
function resolveDots(pathname: string): string {
  const out: string[] = [];
  for (const seg of pathname.replace(/\\/g, '/').split('/').slice(1)) {
    const s = seg.toLowerCase();
    if (s === '.' || s === '%2e') continue;
    if (s === '..' || s === '.%2e' || s === '%2e.' || s === '%2e%2e') { out.pop(); continue; }
    if (seg !== '') out.push(seg);
  }
  return '/' + out.join('/');
}

function decodeOnce(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}

/**
 * Whether a request path may get the embed's headers (framing by any site).
 * Only when every reading of the path is an embed path: as a URL parser
 * resolves it (what Next.js routes on), and again with percent-escapes
 * decoded (%2f, %2e, %5c, doubly escaped too) and dots resolved after. A
 * path that reads as an embed one way and as another page the other way gets
 * the pages' headers: the worst it costs is an embed that cannot be framed.
 */
export function isEmbedPath(pathname: string): boolean {
  let p = resolveDots(pathname.split(/[?#]/)[0]);
  if (!EMBED.test(p)) return false;
  for (let i = 0; i < 3; i++) {
    const next = resolveDots(decodeOnce(p));
    if (!EMBED.test(next)) return false;
    if (next === p) return true;
    p = next;
  }
  return false;
}

// Embeds are made to be framed by any site (a teacher's blog, a course
// page); every other page may not be framed at all.
export function headersForPath(pathname: string, env: Record<string, string | undefined>, nonce?: string): Header[] {
  return isEmbedPath(pathname)
    ? [...COMMON_HEADERS, { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, '*', nonce) }]
    : [...COMMON_HEADERS, { key: 'X-Frame-Options', value: 'DENY' }, { key: 'Content-Security-Policy', value: contentSecurityPolicy(env, "'none'", nonce) }];
}

// A net under the proxy's headers (proxy.ts): whatever leaves the production
// server without a Content-Security-Policy (the build's static files served
// by web-server/static-gzip.ts, anything Next.js answers without running the
// proxy) gets the strictest one, a page's: not frameable, no inline script.
// Set when the head is written, so a header the proxy set is never doubled.
import type { ServerResponse } from 'node:http';
import { COMMON_HEADERS, headersForPath } from '../lib/web/security-headers';

export function guardHeaders(res: ServerResponse, env: Record<string, string | undefined>): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!this.headersSent) {
      for (const h of COMMON_HEADERS) if (!this.hasHeader(h.key)) this.setHeader(h.key, h.value);
      if (!this.hasHeader('content-security-policy')) {
        for (const h of headersForPath('/', env)) if (!this.hasHeader(h.key)) this.setHeader(h.key, h.value);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof res.writeHead;
}

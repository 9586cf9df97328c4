// Next.js's proxy (the file convention that was middleware.ts): runs for
// every request after Next.js has parsed its URL and before it picks the
// route, so the security headers are chosen on the path Next.js serves. Each
// request gets a fresh script nonce: Next.js reads it from the policy put on
// the request and stamps it on its own inline scripts, so no other inline
// script runs (lib/web/security-headers.ts).
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { headersForPath } from '@/lib/web/security-headers';

export function proxy(request: NextRequest) {
  const nonce = randomBytes(18).toString('base64');
  const headers = headersForPath(request.nextUrl.pathname, process.env, nonce);
  const forNext = new Headers(request.headers);
  forNext.set('content-security-policy', headers.find((h) => h.key === 'Content-Security-Policy')!.value);
  const response = NextResponse.next({ request: { headers: forNext } });
  for (const h of headers) response.headers.set(h.key, h.value);
  return response;
}

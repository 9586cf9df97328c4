// HTTP from a chosen loopback address (127.0.0.2 and up are all this host's
// own, so the server sees a different client per address): the way a test
// stands in for many clients without a forwarded header.
import http from 'node:http';

export interface Answer { status: number; headers: http.IncomingHttpHeaders; body: any }

export function requestFrom(localAddress: string, url: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}): Promise<Answer> {
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method: opts.method ?? 'GET', localAddress, agent: false,
      headers: { ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}), ...opts.headers },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
      });
    });
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

// A forwarded-for header that names a new client every time, in the spellings
// an attacker would try: one address, a list, IPv6, junk.
let n = 0;
export function rotatingForwardedFor(): Record<string, string> {
  n++;
  const a = `203.0.113.${n % 250}`;
  const spellings: Record<string, string>[] = [
    { 'x-forwarded-for': a },
    { 'x-forwarded-for': `${a}, 198.51.100.${n % 250}` },
    { 'x-forwarded-for': `2001:db8::${n.toString(16)}` },
    { 'x-forwarded-for': `unknown-${n}`, 'x-real-ip': a, forwarded: `for=${a}` },
  ];
  return spellings[n % spellings.length];
}

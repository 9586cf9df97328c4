import { describe, expect, it } from 'vitest';
import { requestOrigin } from './origin';

const h = (entries: Record<string, string>) => ({ get: (name: string) => entries[name] ?? null });

describe('requestOrigin', () => {
  it('uses the host the request came to, behind a proxy too', () => {
    expect(requestOrigin(h({ host: 'lab.example:3000' }), 'http://localhost:3000', {})).toBe('http://lab.example:3000');
    expect(requestOrigin(h({ host: 'internal:3000', 'x-forwarded-host': 'lab.example, proxy', 'x-forwarded-proto': 'https' }), 'http://localhost:3000', {})).toBe('https://lab.example');
    expect(requestOrigin(h({}), 'http://localhost:3000', {})).toBe('http://localhost:3000');
  });

  it('prefers LAYERLAB_PUBLIC_URL, without its trailing slash', () => {
    expect(requestOrigin(h({ host: 'internal:3000' }), 'http://localhost:3000', { LAYERLAB_PUBLIC_URL: 'https://layerlab.example/' })).toBe('https://layerlab.example');
  });

  it('ignores a LAYERLAB_PUBLIC_URL that is not an http(s) URL (start-up refuses it)', () => {
    expect(requestOrigin(h({ host: 'a:1' }), 'http://localhost:3000', { LAYERLAB_PUBLIC_URL: 'javascript:alert(1)' })).toBe('http://a:1');
  });
});

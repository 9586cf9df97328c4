import { describe, expect, it } from 'vitest';
import { publicOrigin } from './public-origin';

describe('publicOrigin', () => {
  it('is LAYERLAB_PUBLIC_URL without its trailing slash', () => {
    expect(publicOrigin({ LAYERLAB_PUBLIC_URL: 'https://layerlab.example/' })).toBe('https://layerlab.example');
    expect(publicOrigin({ LAYERLAB_PUBLIC_URL: 'https://layerlab.example', LAYERLAB_WEB_PORT: '6700' })).toBe('https://layerlab.example');
  });

  it('falls back to localhost on the configured web port', () => {
    expect(publicOrigin({})).toBe('http://localhost:3000');
    expect(publicOrigin({ LAYERLAB_WEB_PORT: '6700' })).toBe('http://localhost:6700');
  });

  it('ignores a value start-up would refuse rather than printing it', () => {
    expect(publicOrigin({ LAYERLAB_PUBLIC_URL: 'javascript:alert(1)', LAYERLAB_WEB_PORT: '6700' })).toBe('http://localhost:6700');
    expect(publicOrigin({ LAYERLAB_WEB_PORT: 'evil.example' })).toBe('http://localhost:3000');
  });
});

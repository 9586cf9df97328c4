import { describe, it, expect } from 'vitest';
import { loadSettings, SettingsError } from './settings';

describe('settings', () => {
  it('has working defaults', () => {
    const s = loadSettings({});
    expect(s.webPort).toBe(3000);
    expect(s.sandboxPort).toBe(4000);
    expect(s.memory).toBe(256 * 1024 * 1024);
    expect(s.runtime).toBe('runsc');
    expect(s.databaseUrl).toBe('file:./data/layerlab.db');
  });

  it('parses sizes and numbers from the environment', () => {
    const s = loadSettings({ LAYERLAB_MEMORY: '1g', LAYERLAB_CPUS: '1.5', LAYERLAB_CONTEXT_BYTES: '512k' });
    expect(s.memory).toBe(1024 ** 3);
    expect(s.cpus).toBe(1.5);
    expect(s.contextMaxBytes).toBe(512 * 1024);
  });

  it('takes a public URL of the web, or none', () => {
    expect(loadSettings({}).publicUrl).toBe('');
    expect(loadSettings({ LAYERLAB_PUBLIC_URL: 'https://layerlab.example/' }).publicUrl).toBe('https://layerlab.example');
    expect(() => loadSettings({ LAYERLAB_PUBLIC_URL: 'layerlab.example' })).toThrow(/LAYERLAB_PUBLIC_URL/);
    expect(() => loadSettings({ LAYERLAB_PUBLIC_URL: 'ftp://layerlab.example' })).toThrow(/LAYERLAB_PUBLIC_URL/);
  });

  it('refuses bad values and names every variable at fault', () => {
    const bad = () => loadSettings({ LAYERLAB_WEB_PORT: '70000', LAYERLAB_MEMORY: 'lots', DATABASE_URL: 'mysql://x', LAYERLAB_RUNTIME: 'kata' });
    expect(bad).toThrow(SettingsError);
    try { bad(); } catch (e) {
      const msg = (e as Error).message;
      for (const v of ['LAYERLAB_WEB_PORT', 'LAYERLAB_MEMORY', 'DATABASE_URL', 'LAYERLAB_RUNTIME']) expect(msg).toContain(v);
      expect(msg).toContain('"lots" is not a size');
    }
  });
});

// The lesson registry's own HTTP API (Registry API v2), as the server uses
// it: is it up, does a tag exist, which tags a repository holds, and
// deleting a manifest by digest. Pushes and pulls go through the engine;
// this is for checks before a pull and for removing a session's
// repositories, which the engine cannot do.
import { readFileSync } from 'node:fs';
import type { Settings } from '../../lib/settings';
import { REGISTRY_HOST } from '../sessions/names';

/** What the engine and the registry's API are given to push, pull and list. */
export interface RegistryAuth { username: string; password: string; serveraddress: string }

// scripts/setup/registry.sh writes `user:password`; a missing file means a
// registry without credentials (a developer's own, say).
export function readRegistryCredentials(file: string): RegistryAuth | undefined {
  if (!file) return undefined;
  let text: string;
  try { text = readFileSync(file, 'utf8').trim(); } catch { return undefined; }
  const colon = text.indexOf(':');
  if (colon <= 0) throw new Error(`${file} must hold user:password (scripts/setup/registry.sh writes it)`);
  return { username: text.slice(0, colon), password: text.slice(colon + 1), serveraddress: REGISTRY_HOST };
}

const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

const TIMEOUT_MS = 5_000;

export class RegistryClient {
  constructor(private readonly url: string, readonly auth?: RegistryAuth) {}

  // The registry as the server reaches it: its URL and the credentials only the server holds.
  static fromSettings(settings: Pick<Settings, 'registryUrl' | 'registryCredentials'>): RegistryClient {
    return new RegistryClient(settings.registryUrl, readRegistryCredentials(settings.registryCredentials));
  }

  private fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.auth) headers.set('authorization', `Basic ${Buffer.from(`${this.auth.username}:${this.auth.password}`).toString('base64')}`);
    return fetch(`${this.url.replace(/\/$/, '')}/v2/${path}`, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  }

  async ping(): Promise<boolean> {
    try { return (await this.fetch('')).ok; } catch { return false; }
  }

  // The manifest digest a tag points at, or undefined when there is no such tag.
  async digest(repo: string, tag: string): Promise<string | undefined> {
    const res = await this.fetch(`${repo}/manifests/${encodeURIComponent(tag)}`, { method: 'HEAD', headers: { accept: MANIFEST_TYPES } });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`registry: HEAD ${repo}:${tag} answered ${res.status}`);
    return res.headers.get('docker-content-digest') ?? undefined;
  }

  // Tags of a repository; empty once its manifests are deleted (the
  // registry keeps listing the repository's name, see repositories()).
  async tags(repo: string): Promise<string[]> {
    const res = await this.fetch(`${repo}/tags/list`);
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`registry: tags of ${repo} answered ${res.status}`);
    return ((await res.json()) as { tags?: string[] | null }).tags ?? [];
  }

  // Every repository name, following the API's pagination.
  async repositories(): Promise<string[]> {
    const names: string[] = [];
    let path = '_catalog?n=1000';
    for (let page = 0; page < 1000; page++) {
      const res = await this.fetch(path);
      if (!res.ok) throw new Error(`registry: catalog answered ${res.status}`);
      names.push(...(((await res.json()) as { repositories?: string[] }).repositories ?? []));
      // Link: </v2/_catalog?last=x&n=1000>; rel="next"
      const next = /<\/v2\/([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1];
      if (!next) break;
      path = next;
    }
    return names;
  }

  // Deleting a manifest removes every tag of the repository that points at it.
  async deleteManifest(repo: string, digest: string): Promise<void> {
    const res = await this.fetch(`${repo}/manifests/${digest}`, { method: 'DELETE' });
    if (res.status !== 202 && res.status !== 404) throw new Error(`registry: DELETE ${repo}@${digest} answered ${res.status}`);
  }
}

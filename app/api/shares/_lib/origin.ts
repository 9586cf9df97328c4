// The origin a visitor reached us by, so links, embed code and link-preview
// URLs (metadataBase) work from where they are; LAYERLAB_PUBLIC_URL
// (lib/settings.ts) overrides it behind unusual proxies.
import { settingsTable } from '@/lib/settings';

export function publicUrlSetting(env: Record<string, string | undefined>): string {
  const spec = settingsTable.publicUrl;
  const parsed = spec.schema.safeParse(env[spec.env] ?? spec.default);
  return parsed.success ? parsed.data : '';
}

export function requestOrigin(headers: { get(name: string): string | null }, fallback = 'http://localhost:3000', env: Record<string, string | undefined> = process.env): string {
  const configured = publicUrlSetting(env);
  if (configured) return configured;
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  if (!host) return fallback;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || new URL(fallback).protocol.replace(':', '');
  return `${proto}://${host}`;
}

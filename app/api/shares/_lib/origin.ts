// The origin a visitor reached us by, so links and embed code work from
// where they are; LAYERLAB_PUBLIC_URL overrides it behind unusual proxies.
export function requestOrigin(headers: { get(name: string): string | null }, fallback = 'http://localhost:3000'): string {
  const configured = process.env.LAYERLAB_PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const host = headers.get('x-forwarded-host')?.split(',')[0].trim() || headers.get('host');
  if (!host) return fallback;
  const proto = headers.get('x-forwarded-proto')?.split(',')[0].trim() || new URL(fallback).protocol.replace(':', '');
  return `${proto}://${host}`;
}

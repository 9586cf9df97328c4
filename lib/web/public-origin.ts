// The web's own address in every absolute URL it prints (share links, embed
// code, canonical and Open Graph URLs). Never taken from a request: Host and
// X-Forwarded-Host are the client's to write, so a page rendered for a forged
// host would hand that host to whoever copies the link or unfurls the
// preview (and to any cache in between). Pure: the environment comes in.
import { settingsTable } from '@/lib/settings';

/** LAYERLAB_PUBLIC_URL (no trailing slash), else http://localhost:<LAYERLAB_WEB_PORT> for one machine in development. */
export function publicOrigin(env: Record<string, string | undefined>): string {
  const url = settingsTable.publicUrl.schema.safeParse(env[settingsTable.publicUrl.env] ?? settingsTable.publicUrl.default);
  if (url.success && url.data) return url.data;
  const port = settingsTable.webPort.schema.safeParse(env[settingsTable.webPort.env] ?? settingsTable.webPort.default);
  return `http://localhost:${port.success ? port.data : settingsTable.webPort.default}`;
}

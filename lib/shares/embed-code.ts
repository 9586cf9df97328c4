// The iframe code the Embed dialog offers. The title goes into an attribute
// of someone else's page, so it is escaped here, not trusted to the caller.
// lang: the embed's language when the embedder wants one (else the reader's).
export interface EmbedOptions { replay?: boolean; height?: number; lang?: string }

export function embedUrl(origin: string, slug: string, opts: EmbedOptions = {}): string {
  const url = new URL(`/embed/${encodeURIComponent(slug)}`, origin);
  if (opts.replay) url.searchParams.set('replay', '1');
  if (opts.lang) url.searchParams.set('lang', opts.lang);
  return url.toString();
}

export function embedSnippet(origin: string, slug: string, title: string, opts: EmbedOptions = {}): string {
  const height = Math.round(Math.min(1200, Math.max(240, opts.height ?? 520)));
  const label = title.trim() ? `Layerlab: ${title.trim()}` : 'Layerlab playground';
  return `<iframe src="${escapeAttr(embedUrl(origin, slug, opts))}" title="${escapeAttr(label)}" width="100%" height="${height}" style="border:1px solid #d9dee8;border-radius:10px" loading="lazy" allow="clipboard-write"></iframe>`;
}

export function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;');
}

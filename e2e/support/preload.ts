import type { APIRequestContext } from '@playwright/test';

// Whether a page's HTML preloads the editor's chunk (app/editor-preload.ts):
// one of its script preloads is the chunk carrying the editor's mark.
export async function preloadsEditor(request: APIRequestContext, base: string, path: string): Promise<boolean> {
  const html = await (await request.get(`${base}${path}`)).text();
  const hrefs = [...html.matchAll(/<link[^>]*rel="preload"[^>]*>/g)]
    .filter((m) => /as="script"/.test(m[0]))
    .map((m) => /href="([^"]+)"/.exec(m[0])?.[1] ?? '');
  for (const href of hrefs) {
    if ((await (await request.get(`${base}${href}`)).text()).includes('layerlab-monaco-chunk')) return true;
  }
  return false;
}

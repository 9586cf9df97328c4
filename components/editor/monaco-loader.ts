// Loads Monaco from our own bundle (never a CDN) exactly once per page.
// @monaco-editor/react would otherwise fetch Monaco from jsDelivr; handing it
// the locally imported module keeps every request on our origin, and the
// dynamic imports keep Monaco and the Dockerfile tooling out of the page's
// initial JavaScript.
import { loader } from '@monaco-editor/react';

export type Monaco = typeof import('monaco-editor');
export interface EditorKit { monaco: Monaco; diagnostics: typeof import('./diagnostics'); }

let pending: Promise<EditorKit> | null = null;

export function loadMonaco(): Promise<EditorKit> {
  if (!pending) {
    pending = (async () => {
      const [monaco, features, themes, diagnostics] = await Promise.all([
        import('monaco-editor'),
        import('./language-features'),
        import('./themes'),
        import('./diagnostics'),
      ]);
      (self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
        getWorker: () =>
          new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module' }),
      };
      loader.config({ monaco });
      themes.defineThemes(monaco);
      features.registerDockerfileFeatures(monaco);
      return { monaco, diagnostics };
    })();
    // A failed chunk load should be retryable on the next mount.
    pending.catch(() => { pending = null; });
  }
  return pending;
}

// Monaco, set up once per page: evaluating this module is the set-up, so it
// runs exactly once, when the editor's chunk arrives (MonacoEditor.tsx
// imports it; DockerfileEditor.tsx loads that chunk lazily). The Dockerfile
// tooling (completion, hovers, quick fixes, lint) is a chunk of its own,
// ./editor-tools, loaded once the editor is on screen. Everything
// comes from our own bundle, never a CDN (MonacoEditor.tsx creates the editor
// itself; the usual React wrapper fetches Monaco from jsDelivr unless told
// otherwise). Only the editor core and the Dockerfile grammar are loaded
// (./monaco-core), not the whole package.
import { monaco as core } from './monaco-core';
import { defineThemes } from './themes';

export type Monaco = typeof import('monaco-editor');

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  getWorker: () =>
    new Worker(new URL('monaco-editor/esm/vs/editor/editor.worker.js', import.meta.url), { type: 'module' }),
};
defineThemes(core);

export const monaco: Monaco = core;

// A class name only the editor's lazily loaded chunk carries, so the server
// can find that chunk in the build and have the browser fetch it with the
// page's HTML (app/editor-preload.ts). Also a real class on the hint.
export const EDITOR_CHUNK_MARK = 'layerlab-monaco-chunk';

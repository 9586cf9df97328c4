// The Dockerfile tooling of the editor: completion, hovers and quick fixes
// (language-features.ts) and the lint that feeds them (diagnostics.ts),
// with dockerfile-language-service and our lesson rules behind them. A chunk
// of its own that MonacoEditor.tsx loads once the editor is on screen, so
// the editor takes input before this code has even been compiled.
import type { Monaco } from './monaco-loader';
import * as diagnostics from './diagnostics';
import { registerDockerfileFeatures } from './language-features';

export type EditorTools = typeof diagnostics;

export function installEditorTools(monaco: Monaco): EditorTools {
  registerDockerfileFeatures(monaco); // once per page, however many editors
  return diagnostics;
}

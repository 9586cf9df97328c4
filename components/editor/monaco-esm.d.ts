// Types for the deep imports of monaco-editor that components/editor/monaco-core.ts
// uses; the package ships declarations only for its main entry.
declare module 'monaco-editor/esm/vs/editor/editor.api2.js' {
  export * from 'monaco-editor';
}
declare module 'monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.js' {
  import type { languages } from 'monaco-editor';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}

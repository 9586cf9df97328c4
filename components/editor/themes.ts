// Editor colours taken from the site's design tokens (app/globals.css), so the
// editor sits on the same surface as the diagrams in both themes.
import type { Monaco } from './monaco-loader';

export const THEME = { light: 'layerlab-light', dark: 'layerlab-dark' } as const;

export function defineThemes(monaco: Monaco): void {
  monaco.editor.defineTheme(THEME.light, {
    base: 'vs', inherit: true,
    rules: [
      { token: 'keyword', foreground: '2f6fed', fontStyle: 'bold' },
      { token: 'comment', foreground: '6b7588', fontStyle: 'italic' },
      { token: 'string', foreground: '1f7a45' },
      { token: 'variable', foreground: 'a0522d' },
    ],
    colors: {
      'editor.background': '#ffffff',
      'editorLineNumber.foreground': '#9aa3b2',
      'editorLineNumber.activeForeground': '#1b2230',
      'editor.lineHighlightBackground': '#f3f5fa',
      'editorGutter.background': '#ffffff',
      'editorHoverWidget.background': '#ffffff',
      'editorHoverWidget.border': '#d9dee8',
    },
  });
  monaco.editor.defineTheme(THEME.dark, {
    base: 'vs-dark', inherit: true,
    rules: [
      { token: 'keyword', foreground: '7aa5ff', fontStyle: 'bold' },
      { token: 'comment', foreground: '8390a5', fontStyle: 'italic' },
      { token: 'string', foreground: '7fd4a0' },
      { token: 'variable', foreground: 'f0b43c' },
    ],
    colors: {
      'editor.background': '#161d28',
      'editorLineNumber.foreground': '#5d6b80',
      'editorLineNumber.activeForeground': '#e6ebf2',
      'editor.lineHighlightBackground': '#1e2734',
      'editorGutter.background': '#161d28',
      'editorHoverWidget.background': '#1e2734',
      'editorHoverWidget.border': '#2c3747',
    },
  });
}

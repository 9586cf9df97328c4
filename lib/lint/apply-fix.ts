// Applies a fix's whole-line edits to the text. Edits are applied bottom-up so
// earlier line numbers stay valid.
import type { LintEdit } from './types';

export function applyEdits(text: string, edits: readonly LintEdit[]): string {
  const lines = text.split('\n');
  for (const edit of [...edits].sort((a, b) => b.line - a.line)) {
    lines.splice(edit.line - 1, edit.endLine - edit.line + 1, ...edit.text.split('\n'));
  }
  return lines.join('\n');
}

import type { LocalizedText } from '../docs/text';

export type LintSeverity = 'error' | 'warning' | 'info';

/** Replaces whole lines `line`..`endLine` (1-based, inclusive) with `text`. */
export interface LintEdit { line: number; endLine: number; text: string; }

export interface LintFix { title: LocalizedText; edits: LintEdit[]; }

export interface LintFinding {
  rule: string;
  line: number;          // 1-based
  endLine?: number;      // defaults to line
  startColumn?: number;  // 1-based, on `line`; absent = whole line
  endColumn?: number;    // 1-based, exclusive, on `endLine`
  severity: LintSeverity;
  message: LocalizedText;
  fix?: LintFix;
}

export interface LintOptions {
  /**
   * Base images the sandbox offers, as `name:tag`. A FROM without a tag gets a
   * quick fix only when exactly one tag of that name is known here or in the
   * file itself, so the fix never guesses.
   */
  knownImages?: readonly string[];
}

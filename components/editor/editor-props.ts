// The props of <DockerfileEditor>, shared by its light and its Monaco half.
import type { Locale } from '@/lib/docs/text';

export interface DockerfileEditorProps {
  value: string;
  onChange?: (value: string) => void;
  readOnly?: boolean;
  /** Lines to decorate, e.g. those of the layer hovered in the diagram (1-based, inclusive). */
  highlightLines?: { start: number; end: number } | null;
  /** The line the caret or the mouse is on, so the diagram can highlight its layer. */
  onCursorLine?: (line: number) => void;
  /** The engine's error for the failing step, shown as an error marker on that line. */
  buildError?: { line: number; message: string } | null;
  height?: number | string;
  theme?: 'light' | 'dark';
  ariaLabel?: string;
  /** Language of hovers, lint messages and quick-fix titles. */
  locale?: Locale;
  /** Base images the sandbox offers (`name:tag`), so "add a tag" can be fixed when unambiguous. */
  knownImages?: readonly string[];
}

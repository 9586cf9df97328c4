'use client';
// The Dockerfile editor: Monaco (loaded lazily, from our own origin) with
// Dockerfile completion, hovers in our words, live lesson lint with quick
// fixes, the engine's build error on its line, and two-way line highlighting
// with the layer diagram.
import { useCallback, useEffect, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import type { editor } from 'monaco-editor';
import { loadMonaco, type EditorKit } from './monaco-loader';
import { THEME } from './themes';
import { modelState } from './model-state';
import type { Locale } from '@/lib/docs/text';
import './editor.css';

// Start fetching Monaco as soon as this module runs in the browser, not
// after hydration: the download then overlaps React's start-up.
if (typeof window !== 'undefined') loadMonaco().catch(() => undefined);

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

const LINT_DELAY_MS = 250;

export function DockerfileEditor(props: DockerfileEditorProps) {
  const {
    value, onChange, readOnly = false, highlightLines = null, onCursorLine, buildError = null,
    height = 360, theme = 'light', ariaLabel = 'Dockerfile editor', locale = 'en', knownImages,
  } = props;
  const [kit, setKit] = useState<EditorKit | null>(null);
  const [failed, setFailed] = useState(false);
  const [editorInstance, setEditorInstance] = useState<editor.IStandaloneCodeEditor | null>(null);
  const decorations = useRef<editor.IEditorDecorationsCollection | null>(null);
  const errorDecorations = useRef<editor.IEditorDecorationsCollection | null>(null);
  // Callers pass fresh closures each render; read the latest without re-binding Monaco listeners.
  const onCursorLineRef = useRef(onCursorLine);
  onCursorLineRef.current = onCursorLine;
  const lintOptions = useRef({ knownImages });
  lintOptions.current = { knownImages };
  // A new array with the same names must not re-run the lint on every render.
  const knownImagesKey = knownImages?.join('\n') ?? '';

  useEffect(() => {
    let alive = true;
    loadMonaco().then((k) => { if (alive) setKit(k); }, () => { if (alive) setFailed(true); });
    return () => { alive = false; };
  }, []);

  const handleMount = useCallback<OnMount>((ed) => {
    setEditorInstance(ed);
    decorations.current = ed.createDecorationsCollection();
    errorDecorations.current = ed.createDecorationsCollection();
    let lastLine = 0;
    const report = (line: number | undefined) => {
      if (!line || line === lastLine) return;
      lastLine = line;
      onCursorLineRef.current?.(line);
    };
    ed.onDidChangeCursorPosition((e) => report(e.position.lineNumber));
    ed.onMouseMove((e) => report(e.target.position?.lineNumber));
    ed.onMouseLeave(() => report(ed.getPosition()?.lineNumber));
  }, []);

  // Lint on every change, debounced; locale changes re-render the messages.
  useEffect(() => {
    const model = editorInstance?.getModel();
    if (!kit || !editorInstance || !model) return;
    modelState(model).locale = locale;
    const run = () => kit.diagnostics.lintModel(kit.monaco, model, lintOptions.current);
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(run, LINT_DELAY_MS);
    });
    return () => { clearTimeout(timer); sub.dispose(); };
  }, [kit, editorInstance, locale, knownImagesKey]);

  useEffect(() => {
    const model = editorInstance?.getModel();
    if (!kit || !model) return;
    kit.diagnostics.setBuildError(kit.monaco, model, buildError);
    errorDecorations.current?.clear();
    if (!buildError) return;
    // The marker's squiggle is easy to miss; the failing line also gets a tint and the message inline.
    const line = Math.max(1, Math.min(buildError.line, model.getLineCount()));
    const firstLine = buildError.message.split('\n')[0];
    errorDecorations.current?.set([{
      range: { startLineNumber: line, startColumn: 1, endLineNumber: line, endColumn: model.getLineMaxColumn(line) },
      options: {
        isWholeLine: true, className: 'layerlab-build-error-line', linesDecorationsClassName: 'layerlab-build-error-gutter',
        after: { content: `   ${firstLine.length > 100 ? firstLine.slice(0, 99) + '…' : firstLine}`, inlineClassName: 'layerlab-build-error-text' },
      },
    }]);
    editorInstance!.revealLineInCenterIfOutsideViewport(line);
  }, [kit, editorInstance, buildError?.line, buildError?.message]);

  useEffect(() => {
    if (!decorations.current || !editorInstance) return;
    if (!highlightLines) { decorations.current.clear(); return; }
    decorations.current.set([{
      range: { startLineNumber: highlightLines.start, startColumn: 1, endLineNumber: highlightLines.end, endColumn: 1 },
      options: { isWholeLine: true, className: 'layerlab-line-highlight', linesDecorationsClassName: 'layerlab-line-gutter' },
    }]);
    editorInstance.revealLinesInCenterIfOutsideViewport(highlightLines.start, highlightLines.end);
  }, [editorInstance, highlightLines?.start, highlightLines?.end]);

  return (
    <div className="layerlab-editor" style={{ height }}>
      {kit ? (
        <Editor
          height="100%"
          defaultLanguage="dockerfile"
          value={value}
          theme={theme === 'dark' ? THEME.dark : THEME.light}
          onChange={(v) => onChange?.(v ?? '')}
          onMount={handleMount}
          loading={null}
          options={{
            readOnly,
            ariaLabel,
            minimap: { enabled: false },
            fontSize: 14,
            lineHeight: 20,
            fontFamily: 'ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace',
            scrollBeyondLastLine: false,
            renderLineHighlight: 'all',
            automaticLayout: true,
            tabSize: 4,
            fixedOverflowWidgets: true,
            lightbulb: { enabled: 'on' as editor.ShowLightbulbIconMode },
            padding: { top: 8, bottom: 8 },
            hover: { delay: 250 },
          }}
        />
      ) : (
        <pre className="layerlab-editor__placeholder" aria-label={ariaLabel} aria-busy={!failed} style={{ height: '100%' }}>
          {failed ? 'The editor could not load. Reload the page to try again.\n\n' : ''}{value}
        </pre>
      )}
      {kit && !readOnly && <span className="layerlab-editor__hint" aria-hidden="true">Ctrl+Space: suggestions · Ctrl+.: fixes · Ctrl+M: Tab moves focus</span>}
    </div>
  );
}

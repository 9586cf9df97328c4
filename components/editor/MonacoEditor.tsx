'use client';
// The Monaco half of the Dockerfile editor (DockerfileEditor.tsx is the light
// half every page bundles): Dockerfile completion, hovers in our words, live
// lesson lint with quick fixes, the engine's build error on its line, and
// two-way line highlighting with the layer diagram. This module and Monaco
// arrive as one lazily loaded chunk group.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { editor } from 'monaco-editor';
import { monaco } from './monaco-loader';
import type { EditorTools } from './editor-tools';
import { DOCKERFILE } from './monaco-core';
import { THEME } from './themes';
import { modelState } from './model-state';
import { EDITOR_CHUNK_MARK } from './chunk-mark';
import { EchoGuard } from './echo-guard';
import type { DockerfileEditorProps } from './editor-props';

const LINT_DELAY_MS = 250;

const BASE_OPTIONS: editor.IStandaloneEditorConstructionOptions = {
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
  // A list that pops up while the learner types holds no choice until they
  // move into it (arrow keys) or ask for it (Ctrl+Space): Enter keeps
  // meaning "new line", so `FROM busybox` Enter `WORKDIR /app` stays two lines.
  suggest: { selectionMode: 'never' },
};

// Tab takes the top suggestion even when none is chosen yet (Monaco's own
// Tab binding needs a chosen one, which 'never' above leaves out).
monaco.editor.addKeybindingRule({
  keybinding: monaco.KeyCode.Tab,
  command: 'focusAndAcceptSuggestion',
  when: 'suggestWidgetVisible && !suggestWidgetHasFocusedSuggestion && textInputFocus',
});

export default function MonacoEditor(props: DockerfileEditorProps) {
  const {
    value, onChange, readOnly = false, highlightLines = null, onCursorLine, buildError = null,
    theme = 'light', ariaLabel = 'Dockerfile editor', locale = 'en', knownImages,
  } = props;
  const [editorInstance, setEditorInstance] = useState<editor.IStandaloneCodeEditor | null>(null);
  const [tools, setTools] = useState<EditorTools | null>(null);
  const decorations = useRef<editor.IEditorDecorationsCollection | null>(null);
  const errorDecorations = useRef<editor.IEditorDecorationsCollection | null>(null);
  // Callers pass fresh closures each render; read the latest without re-binding Monaco listeners.
  const onCursorLineRef = useRef(onCursorLine);
  onCursorLineRef.current = onCursorLine;
  const lintOptions = useRef({ knownImages });
  lintOptions.current = { knownImages };
  // A new array with the same names must not re-run the lint on every render.
  const knownImagesKey = knownImages?.join('\n') ?? '';
  // The editor starts with the first value; later ones are synced here, skipping echoes (echo-guard.ts).
  const echoes = useRef(new EchoGuard());
  const applying = useRef(false);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const host = useRef<HTMLDivElement>(null);
  const created = useRef({ value, readOnly, ariaLabel, theme });
  const handleChange = useCallback((text: string) => {
    if (applying.current) return;
    echoes.current.emitted(text);
    onChangeRef.current?.(text);
  }, []);

  // A layout effect, so an outside change lands before the next keystroke can.
  useLayoutEffect(() => {
    const model = editorInstance?.getModel();
    if (!editorInstance || !model || !echoes.current.shouldApply(value, model.getValue())) return;
    applying.current = true;
    try {
      if (readOnly) model.setValue(value);
      else {
        // An edit, not setValue, so Ctrl+Z can take an outside change back.
        editorInstance.executeEdits('layerlab', [{ range: model.getFullModelRange(), text: value, forceMoveMarkers: true }]);
        editorInstance.pushUndoStop();
      }
    } finally { applying.current = false; }
  }, [editorInstance, value, readOnly]);

  // The editor is made as the component mounts, in the same task (a wrapper
  // component would take two more renders, each a task of its own, before
  // creating it): Monaco's module is already evaluated when this runs.
  useLayoutEffect(() => {
    const first = created.current;
    const ed = monaco.editor.create(host.current!, {
      ...BASE_OPTIONS, value: first.value, language: DOCKERFILE, readOnly: first.readOnly, ariaLabel: first.ariaLabel,
      theme: first.theme === 'dark' ? THEME.dark : THEME.light,
    });
    decorations.current = ed.createDecorationsCollection();
    errorDecorations.current = ed.createDecorationsCollection();
    let lastLine = 0;
    const report = (line: number | undefined) => {
      if (!line || line === lastLine) return;
      lastLine = line;
      onCursorLineRef.current?.(line);
    };
    const subs = [
      ed.onDidChangeModelContent(() => handleChange(ed.getValue())),
      ed.onDidChangeCursorPosition((e) => report(e.position.lineNumber)),
      ed.onMouseMove((e) => report(e.target.position?.lineNumber)),
      ed.onMouseLeave(() => report(ed.getPosition()?.lineNumber)),
    ];
    setEditorInstance(ed);
    return () => {
      subs.forEach((d) => d.dispose());
      const model = ed.getModel();
      ed.dispose();
      model?.dispose();
      setEditorInstance(null);
    };
  }, [handleChange]);

  useEffect(() => { editorInstance?.updateOptions({ readOnly, ariaLabel }); }, [editorInstance, readOnly, ariaLabel]);
  // Monaco's theme is global to the page; every editor on it follows the site's.
  useEffect(() => { if (editorInstance) monaco.editor.setTheme(theme === 'dark' ? THEME.dark : THEME.light); }, [editorInstance, theme]);

  // The tooling follows once the editor is on screen and the page is idle
  // (at most a second later), so the first frames and keystrokes come first.
  useEffect(() => {
    if (!editorInstance) return;
    let alive = true;
    const load = () => {
      import('./editor-tools').then((m) => { if (alive) setTools(m.installEditorTools(monaco)); }, () => undefined);
    };
    if (typeof requestIdleCallback === 'function') {
      const id = requestIdleCallback(load, { timeout: 1000 });
      return () => { alive = false; cancelIdleCallback(id); };
    }
    const t = setTimeout(load, 200);
    return () => { alive = false; clearTimeout(t); };
  }, [editorInstance]);

  // Lint on every change, debounced; locale changes re-render the messages.
  useEffect(() => {
    const model = editorInstance?.getModel();
    if (!tools || !editorInstance || !model) return;
    modelState(model).locale = locale;
    const run = () => tools.lintModel(monaco, model, lintOptions.current);
    run();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = model.onDidChangeContent(() => {
      clearTimeout(timer);
      timer = setTimeout(run, LINT_DELAY_MS);
    });
    return () => { clearTimeout(timer); sub.dispose(); };
  }, [tools, editorInstance, locale, knownImagesKey]);

  useEffect(() => {
    const model = editorInstance?.getModel();
    if (!model) return;
    tools?.setBuildError(monaco, model, buildError);
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
  }, [tools, editorInstance, buildError?.line, buildError?.message]);

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
    <>
      <div ref={host} className="layerlab-editor__host" />
      {!readOnly && <span className={`layerlab-editor__hint ${EDITOR_CHUNK_MARK}`} aria-hidden="true">Tab: take suggestion · Ctrl+Space: suggestions · Ctrl+.: fixes · Ctrl+M: Tab moves focus</span>}
    </>
  );
}

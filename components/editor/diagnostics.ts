// Turns lint findings into Monaco markers, one owner per source so each can
// be replaced or cleared on its own: 'syntax' (dockerfile-utils), 'lessons'
// (our rules) and 'build' (the engine's error for the failing step).
import type { editor, MarkerSeverity } from 'monaco-editor';
import type { Monaco } from './monaco-loader';
import type { LintFinding, LintOptions } from '@/lib/lint/types';
import { lintDockerfile } from '@/lib/lint/rules';
import { syntaxFindings } from '@/lib/lint/syntax';
import { pick, type Locale } from '@/lib/docs/text';
import { modelState } from './model-state';

function severity(monaco: Monaco, s: LintFinding['severity']): MarkerSeverity {
  return s === 'error' ? monaco.MarkerSeverity.Error : s === 'warning' ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info;
}

function toMarker(monaco: Monaco, model: editor.ITextModel, f: LintFinding, locale: Locale, source: string): editor.IMarkerData {
  const line = Math.min(f.line, model.getLineCount());
  const endLine = Math.min(f.endLine ?? f.line, model.getLineCount());
  return {
    severity: severity(monaco, f.severity),
    message: pick(f.message, locale),
    code: f.rule,
    source,
    startLineNumber: line,
    startColumn: f.startColumn ?? model.getLineFirstNonWhitespaceColumn(line) ?? 1,
    endLineNumber: endLine,
    endColumn: f.endColumn ?? model.getLineMaxColumn(endLine),
  };
}

export function lintModel(monaco: Monaco, model: editor.ITextModel, options: LintOptions): void {
  const text = model.getValue();
  const state = modelState(model);
  const syntax = syntaxFindings(text);
  const lessons = lintDockerfile(text, options);
  state.findings = [...syntax, ...lessons];
  monaco.editor.setModelMarkers(model, 'syntax', syntax.map((f) => toMarker(monaco, model, f, state.locale, 'Dockerfile')));
  monaco.editor.setModelMarkers(model, 'lessons', lessons.map((f) => toMarker(monaco, model, f, state.locale, 'Layerlab')));
}

export function setBuildError(monaco: Monaco, model: editor.ITextModel, error: { line: number; message: string } | null): void {
  if (!error) { monaco.editor.setModelMarkers(model, 'build', []); return; }
  const line = Math.max(1, Math.min(error.line, model.getLineCount()));
  monaco.editor.setModelMarkers(model, 'build', [{
    severity: monaco.MarkerSeverity.Error,
    message: error.message,
    source: 'docker build',
    startLineNumber: line,
    startColumn: model.getLineFirstNonWhitespaceColumn(line) || 1,
    endLineNumber: line,
    endColumn: model.getLineMaxColumn(line),
  }]);
}

// Per-model state the global Monaco providers need: providers are registered
// once per language, but locale and the current findings belong to each editor.
import type { editor } from 'monaco-editor';
import type { LintFinding } from '@/lib/lint/types';
import type { Locale } from '@/lib/docs/text';

export interface ModelState { locale: Locale; findings: LintFinding[]; }

const states = new WeakMap<editor.ITextModel, ModelState>();

export function modelState(model: editor.ITextModel): ModelState {
  let state = states.get(model);
  if (!state) { state = { locale: 'en', findings: [] }; states.set(model, state); }
  return state;
}

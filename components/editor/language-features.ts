// Dockerfile language features for Monaco: completion from
// dockerfile-language-service (filtered to what the classic builder accepts),
// hovers with our own texts, and quick fixes for both our lesson rules and the
// validator's mechanical repairs. Registered once per page.
import type { editor, languages, IRange, Position as MonacoPosition } from 'monaco-editor';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { DockerfileParser, type Flag } from 'dockerfile-ast';
import type { Monaco } from './monaco-loader';
import { modelState } from './model-state';
import { instructionDoc } from '@/lib/docs/instructions';
import { FLAG_DOCS } from '@/lib/docs/flags';
import { instructionHoverMarkdown, instructionHoverSections, flagHoverMarkdown } from '@/lib/docs/hover';
import { SYNTAX_FIX_TITLES } from '@/lib/lint/syntax-messages';
import { pick } from '@/lib/docs/text';
import type { LintEdit } from '@/lib/lint/types';

const LANGUAGE = 'dockerfile';
const service = DockerfileLanguageServiceFactory.createLanguageService();
service.setCapabilities({ completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown'] } } });

const OUR_FLAGS = new Set(FLAG_DOCS.map((f) => `--${f.name}`));

interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }
const toMonacoRange = (r: LspRange): IRange => ({
  startLineNumber: r.start.line + 1, startColumn: r.start.character + 1,
  endLineNumber: r.end.line + 1, endColumn: r.end.character + 1,
});
const toLsp = (p: MonacoPosition) => ({ line: p.lineNumber - 1, character: p.column - 1 });

function instructionAt(text: string, position: MonacoPosition) {
  const at = toLsp(position);
  const within = (r: LspRange) =>
    (at.line > r.start.line || (at.line === r.start.line && at.character >= r.start.character)) &&
    (at.line < r.end.line || (at.line === r.end.line && at.character <= r.end.character));
  const ins = DockerfileParser.parse(text).getInstructions().find((i) => within(i.getRange()));
  return ins ? { ins, within } : null;
}

function completionKind(monaco: Monaco, lspKind: number | undefined): languages.CompletionItemKind {
  const K = monaco.languages.CompletionItemKind;
  // LSP kinds the service uses: 14 keyword, 10 property, 12 value, 15 snippet, 6 variable.
  return ({ 14: K.Keyword, 10: K.Property, 12: K.Value, 15: K.Snippet, 6: K.Variable } as Record<number, languages.CompletionItemKind>)[lspKind ?? 0] ?? K.Text;
}

function registerCompletion(monaco: Monaco) {
  monaco.languages.registerCompletionItemProvider(LANGUAGE, {
    triggerCharacters: ['-', '$', '{'],
    async provideCompletionItems(model, position) {
      const state = modelState(model);
      const items = await service.computeCompletionItems(model.getValue(), toLsp(position));
      const word = model.getWordUntilPosition(position);
      const fallback: IRange = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const suggestions: languages.CompletionItem[] = [];
      for (const item of items) {
        const flagName = item.label.startsWith('--') ? item.label.replace(/=.*$/, '') : null;
        if (flagName && !OUR_FLAGS.has(flagName)) continue; // BuildKit-only flags would fail on this engine
        const edit = item.textEdit && 'range' in item.textEdit ? item.textEdit : null;
        const keywordDoc = instructionDoc(item.label.split(' ')[0]);
        const documentation = flagName
          ? FLAG_DOCS.filter((f) => `--${f.name}` === flagName).map((f) => `**${f.instruction} ${flagName}** — ${pick(f.summary, state.locale)}`).join('\n\n')
          : keywordDoc && /^[A-Z]+$/.test(item.label.split(' ')[0])
            ? instructionHoverMarkdown(keywordDoc.keyword, state.locale) ?? undefined
            : undefined;
        suggestions.push({
          label: item.label,
          kind: completionKind(monaco, item.kind),
          insertText: edit?.newText ?? item.insertText ?? item.label,
          insertTextRules: item.insertTextFormat === 2 ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
          range: edit ? toMonacoRange(edit.range) : fallback,
          documentation: documentation ? { value: documentation } : undefined,
          sortText: item.sortText,
          filterText: item.filterText,
        });
      }
      return { suggestions };
    },
  });
}

function registerHover(monaco: Monaco) {
  monaco.languages.registerHoverProvider(LANGUAGE, {
    provideHover(model, position) {
      const found = instructionAt(model.getValue(), position);
      if (!found) return null;
      const { ins, within } = found;
      const locale = modelState(model).locale;
      const keywordRange = ins.getInstructionRange();
      if (within(keywordRange)) {
        const sections = instructionHoverSections(ins.getKeyword(), locale);
        return sections ? { range: toMonacoRange(keywordRange), contents: sections.map((value) => ({ value })) } : null;
      }
      const getFlags = (ins as unknown as { getFlags?: () => Flag[] }).getFlags;
      const flag = typeof getFlags === 'function' ? getFlags.call(ins).find((f) => within(f.getRange())) : undefined;
      if (flag) {
        const md = flagHoverMarkdown(ins.getKeyword(), flag.getName(), locale);
        return md ? { range: toMonacoRange(flag.getRange()), contents: [{ value: md }] } : null;
      }
      return null;
    },
  });
}

function lintEditToTextEdit(model: editor.ITextModel, edit: LintEdit): languages.TextEdit {
  return {
    range: { startLineNumber: edit.line, startColumn: 1, endLineNumber: edit.endLine, endColumn: model.getLineMaxColumn(edit.endLine) },
    text: edit.text,
  };
}

function registerCodeActions(monaco: Monaco) {
  monaco.languages.registerCodeActionProvider(LANGUAGE, {
    provideCodeActions(model, _range, context) {
      const state = modelState(model);
      const actions: languages.CodeAction[] = [];
      const versionId = model.getVersionId();
      for (const marker of context.markers) {
        const finding = state.findings.find((f) =>
          f.rule === marker.code && f.line === marker.startLineNumber && (f.startColumn ?? marker.startColumn) === marker.startColumn);
        if (finding?.fix) {
          actions.push({
            title: pick(finding.fix.title, state.locale),
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: true,
            edit: { edits: finding.fix.edits.map((e) => ({ resource: model.uri, versionId, textEdit: lintEditToTextEdit(model, e) })) },
          });
          continue;
        }
        if (typeof marker.code !== 'string' || !marker.code.startsWith('syntax/')) continue;
        const diagnostic = {
          range: { start: { line: marker.startLineNumber - 1, character: marker.startColumn - 1 }, end: { line: marker.endLineNumber - 1, character: marker.endColumn - 1 } },
          message: marker.message,
          code: Number(marker.code.slice('syntax/'.length)),
        };
        const commands = service.computeCodeActions({ uri: model.uri.toString() }, diagnostic.range, { diagnostics: [diagnostic] });
        for (const command of commands) {
          const edits = service.computeCommandEdits(model.getValue(), command.command, command.arguments ?? []);
          const title = SYNTAX_FIX_TITLES[command.command];
          if (!edits.length || !title) continue;
          actions.push({
            title: pick(title, state.locale),
            kind: 'quickfix',
            diagnostics: [marker],
            edit: { edits: edits.map((e) => ({ resource: model.uri, versionId, textEdit: { range: toMonacoRange(e.range), text: e.newText } })) },
          });
        }
      }
      return { actions, dispose() {} };
    },
  });
}

let registered = false;

export function registerDockerfileFeatures(monaco: Monaco): void {
  if (registered) return;
  registered = true;
  registerCompletion(monaco);
  registerHover(monaco);
  registerCodeActions(monaco);
}

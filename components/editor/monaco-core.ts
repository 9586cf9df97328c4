// The Monaco we ship: the editor widget with only the contributions a
// Dockerfile editor uses, and the one language we edit. Monaco's own
// `edcore.main` registers some sixty contributions (diff editor, inline
// completions, peek references, sticky scroll, inlay hints, code lens, colour
// picker, ...); each is compiled at start-up and most are instantiated with
// every editor, which made up much of the time before a learner could type.
// The Dockerfile grammar is registered eagerly: Monaco's own contribution
// loads it as one more chunk after the editor exists, a round trip before
// the first line is coloured.
import 'monaco-editor/esm/vs/editor/internal/initialize.js';
import 'monaco-editor/esm/vs/editor/browser/coreCommands.js';
import 'monaco-editor/esm/vs/editor/browser/widget/codeEditor/codeEditorWidget.js';
// Typing and moving around: brackets, clipboard, comments, undo of cursor
// moves, indentation, line and word operations, multiple cursors, selection.
import 'monaco-editor/esm/vs/editor/contrib/bracketMatching/browser/bracketMatching.js';
import 'monaco-editor/esm/vs/editor/contrib/clipboard/browser/clipboard.js';
import 'monaco-editor/esm/vs/editor/contrib/comment/browser/comment.js';
import 'monaco-editor/esm/vs/editor/contrib/contextmenu/browser/contextmenu.js';
import 'monaco-editor/esm/vs/editor/contrib/cursorUndo/browser/cursorUndo.js';
import 'monaco-editor/esm/vs/editor/contrib/indentation/browser/indentation.js';
import 'monaco-editor/esm/vs/editor/contrib/linesOperations/browser/linesOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/multicursor/browser/multicursor.js';
import 'monaco-editor/esm/vs/editor/contrib/smartSelect/browser/smartSelect.js';
import 'monaco-editor/esm/vs/editor/contrib/wordHighlighter/browser/wordHighlighter.js';
import 'monaco-editor/esm/vs/editor/contrib/wordOperations/browser/wordOperations.js';
import 'monaco-editor/esm/vs/editor/contrib/find/browser/findController.js';
// What the Dockerfile tooling (./editor-tools) plugs into: completion with
// snippets, hovers, quick fixes, and F8 through the lint markers.
import 'monaco-editor/esm/vs/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/esm/vs/editor/contrib/snippet/browser/snippetController2.js';
import 'monaco-editor/esm/vs/editor/contrib/hover/browser/hoverContribution.js';
import 'monaco-editor/esm/vs/editor/contrib/codeAction/browser/codeActionContributions.js';
import 'monaco-editor/esm/vs/editor/contrib/gotoError/browser/gotoError.js';
// Keyboard users (Ctrl+M: Tab moves focus), locked classrooms (the
// read-only notice) and tablets (the on-screen keyboard on iPad).
import 'monaco-editor/esm/vs/editor/contrib/toggleTabFocusMode/browser/toggleTabFocusMode.js';
import 'monaco-editor/esm/vs/editor/contrib/readOnlyMessage/browser/contribution.js';
import 'monaco-editor/esm/vs/editor/standalone/browser/iPadShowKeyboard/iPadShowKeyboard.js';
import 'monaco-editor/esm/vs/editor/common/standaloneStrings.js';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon.css';
import 'monaco-editor/esm/vs/base/browser/ui/codicons/codicon/codicon-modifiers.css';
import * as api from 'monaco-editor/esm/vs/editor/editor.api2.js';
import { conf, language } from 'monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.js';

export const DOCKERFILE = 'dockerfile';

const monaco = api as unknown as typeof import('monaco-editor');
monaco.languages.register({ id: DOCKERFILE, extensions: ['.dockerfile'], filenames: ['Dockerfile'], aliases: ['Dockerfile'] });
monaco.languages.setMonarchTokensProvider(DOCKERFILE, language);
monaco.languages.setLanguageConfiguration(DOCKERFILE, conf);

export { monaco };

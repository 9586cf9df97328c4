// The Monaco we ship: the editor core (every editor contribution: find,
// hover, suggest, quick fixes, folding, ...) and the one language we edit.
// The package's main entry would also bring the CSS, HTML, JSON and
// TypeScript language services and some eighty grammars, which only cost
// download and start-up time here. The Dockerfile grammar is registered
// eagerly: Monaco's own contribution loads it as one more chunk after the
// editor exists, a round trip before the first line is coloured.
import * as core from 'monaco-editor/esm/vs/editor/edcore.main.js';
import { conf, language } from 'monaco-editor/esm/vs/basic-languages/dockerfile/dockerfile.js';

export const DOCKERFILE = 'dockerfile';

const monaco = core as unknown as typeof import('monaco-editor');
monaco.languages.register({ id: DOCKERFILE, extensions: ['.dockerfile'], filenames: ['Dockerfile'], aliases: ['Dockerfile'] });
monaco.languages.setMonarchTokensProvider(DOCKERFILE, language);
monaco.languages.setLanguageConfiguration(DOCKERFILE, conf);

export { monaco };

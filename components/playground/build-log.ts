// Build events as log lines a learner can read, close to the classic
// builder's own wording so it matches what `docker build` prints. The
// engine's own lines stay as the engine says them, in every language; only
// our words around them are translated.
import type { BuildEvent } from '@/lib/protocol';
import { t, type Locale } from '@/lib/i18n';
import { shortId } from '@/lib/world/reducer';

export interface LogLine { kind: 'step' | 'info' | 'output' | 'done' | 'error'; text: string }

export function logLinesFor(e: BuildEvent, locale: Locale = 'en'): LogLine[] {
  switch (e.type) {
    case 'step': return [{ kind: 'step', text: `Step ${e.index}/${e.total} : ${e.instruction}` }];
    case 'container': return [{ kind: 'info', text: ` ---> Running in ${shortId(e.containerId)}` }];
    case 'output': return e.text.replace(/\n$/, '').split('\n').map((text) => ({ kind: 'output' as const, text }));
    case 'layer': return [{ kind: 'info', text: e.cached ? ` ---> Using cache\n ---> ${shortId(e.imageId)}` : ` ---> ${shortId(e.imageId)}` }];
    case 'done': return [{ kind: 'done', text: `Successfully built ${shortId(e.imageId)}${e.tag ? `, tagged ${e.tag}` : ''}` }];
    case 'error': return [{ kind: 'error', text: e.line ? t(locale, 'play.log.errorOnLine', { line: e.line, message: e.message }) : t(locale, 'play.log.error', { message: e.message }) }];
  }
}

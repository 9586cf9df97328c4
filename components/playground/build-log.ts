// Build events as log lines a learner can read, close to the classic
// builder's own wording so it matches what `docker build` prints.
import type { BuildEvent } from '@/lib/protocol';
import { shortId } from '@/lib/world/reducer';

export interface LogLine { kind: 'step' | 'info' | 'output' | 'done' | 'error'; text: string }

export function logLinesFor(e: BuildEvent): LogLine[] {
  switch (e.type) {
    case 'step': return [{ kind: 'step', text: `Step ${e.index}/${e.total} : ${e.instruction}` }];
    case 'container': return [{ kind: 'info', text: ` ---> Running in ${shortId(e.containerId)}` }];
    case 'output': return e.text.replace(/\n$/, '').split('\n').map((text) => ({ kind: 'output' as const, text }));
    case 'layer': return [{ kind: 'info', text: e.cached ? ` ---> Using cache\n ---> ${shortId(e.imageId)}` : ` ---> ${shortId(e.imageId)}` }];
    case 'done': return [{ kind: 'done', text: `Successfully built ${shortId(e.imageId)}${e.tag ? `, tagged ${e.tag}` : ''}` }];
    case 'error': return [{ kind: 'error', text: `Error${e.line ? ` on line ${e.line}` : ''}: ${e.message}` }];
  }
}

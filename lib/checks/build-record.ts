// Folds one build's event stream into the summary the checks read.
import type { BuildEvent } from '../protocol';
import type { BuildRecord } from './types';

export function summarizeBuild(events: BuildEvent[], tag?: string): BuildRecord {
  let steps = 0;
  let cachedSteps = 0;
  let imageId: string | undefined;
  let ok = false;
  for (const e of events) {
    if (e.type === 'step') steps = Math.max(steps, e.index);
    else if (e.type === 'layer' && e.cached) cachedSteps++;
    else if (e.type === 'done') { ok = true; imageId = e.imageId; tag = e.tag ?? tag; }
    else if (e.type === 'error') ok = false;
  }
  return { tag, imageId, ok, steps, cachedSteps };
}

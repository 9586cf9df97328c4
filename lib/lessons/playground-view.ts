// Which playground view a lesson step brings forward. Concept steps have a
// picture of their own and leave the playground as it was; the union view
// lives beside the containers it merges.
import type { Step } from './schema';

export type PlaygroundView = 'layers' | 'build' | 'containers';
export interface ViewRequest { view: PlaygroundView; union: boolean }

export function viewForStep(view: Step['view']): ViewRequest | null {
  switch (view) {
    case 'layer-stack': return { view: 'layers', union: false };
    case 'build-timeline': return { view: 'build', union: false };
    case 'containers': return { view: 'containers', union: false };
    case 'union-view': return { view: 'containers', union: true };
    case 'concept': return null;
  }
}

// The view to show when the page opens on a step: its own, or the nearest
// earlier step's that has one, else the layer stack.
export function initialView(steps: readonly Pick<Step, 'id' | 'view'>[], current: string | undefined): ViewRequest {
  const at = Math.max(0, steps.findIndex((s) => s.id === current));
  for (let i = at; i >= 0; i--) {
    const v = viewForStep(steps[i].view);
    if (v) return v;
  }
  for (const s of steps) {
    const v = viewForStep(s.view);
    if (v) return v;
  }
  return { view: 'layers', union: false };
}

import { describe, expect, it } from 'vitest';
import { initialView, viewForStep } from './playground-view';

describe('the playground view a step brings forward', () => {
  it('maps every step view, and concept steps change nothing', () => {
    expect(viewForStep('layer-stack')).toEqual({ view: 'layers', union: false });
    expect(viewForStep('build-timeline')).toEqual({ view: 'build', union: false });
    expect(viewForStep('containers')).toEqual({ view: 'containers', union: false });
    expect(viewForStep('union-view')).toEqual({ view: 'containers', union: true });
    expect(viewForStep('concept')).toBeNull();
  });

  it('opens on the current step\'s view, else the nearest earlier one, else the first there is', () => {
    const steps = [
      { id: 'intro', view: 'concept' as const },
      { id: 'run', view: 'containers' as const },
      { id: 'why', view: 'concept' as const },
      { id: 'merge', view: 'union-view' as const },
    ];
    expect(initialView(steps, 'merge')).toEqual({ view: 'containers', union: true });
    expect(initialView(steps, 'why')).toEqual({ view: 'containers', union: false });
    expect(initialView(steps, 'intro')).toEqual({ view: 'containers', union: false });
    expect(initialView(steps, undefined)).toEqual({ view: 'containers', union: false });
    expect(initialView([{ id: 'a', view: 'concept' }], 'a')).toEqual({ view: 'layers', union: false });
  });
});

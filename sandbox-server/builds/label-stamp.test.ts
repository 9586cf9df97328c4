import { describe, expect, it } from 'vitest';
import { stampLabels } from './label-stamp';
import { parseDockerfile } from '../../lib/dockerfile/model';

const labels = { 'org.layerlab.session': 'abc123abc123', 'org.layerlab.dockerfile': 'RlJPTSBidXN5Ym94Cg==' };

describe('stampLabels', () => {
  it('appends one LABEL line with every label, as the last instruction', () => {
    const out = stampLabels('FROM busybox:1.35\nRUN echo hi\n\n\n', labels)!;
    expect(out).toBe('FROM busybox:1.35\nRUN echo hi\nLABEL org.layerlab.session="abc123abc123" org.layerlab.dockerfile="RlJPTSBidXN5Ym94Cg=="\n');
    const model = parseDockerfile(out);
    expect(model.instructions.map((i) => i.keyword)).toEqual(['FROM', 'RUN', 'LABEL']);
  });

  it('goes to the final stage of a multi-stage build', () => {
    const out = stampLabels('FROM busybox:1.35 AS one\nRUN true\nFROM busybox:1.35\nCOPY --from=one /bin/true /t\n', labels)!;
    expect(parseDockerfile(out).instructions.at(-1)).toMatchObject({ keyword: 'LABEL', stage: 1 });
  });

  it('refuses when the line would join the learner\'s last instruction', () => {
    expect(stampLabels('FROM busybox:1.35\nRUN echo hi \\\n', labels)).toBeNull();
    expect(stampLabels('FROM busybox:1.35\nRUN echo hi \\', labels)).toBeNull();
    expect(stampLabels('# escape=`\nFROM busybox:1.35\nRUN echo hi `\n', labels)).toBeNull();
    expect(stampLabels('FROM busybox:1.35\nRUN echo hi \\\n\n# a comment\n', labels)).toBeNull();
  });

  it('refuses values it cannot quote plainly and files with no stage', () => {
    expect(stampLabels('FROM busybox:1.35\n', { 'org.layerlab.session': 'a" b' })).toBeNull();
    expect(stampLabels('ARG X=1\n', labels)).toBeNull();
    expect(stampLabels('FROM busybox:1.35\n', {})).toBeNull();
  });
});

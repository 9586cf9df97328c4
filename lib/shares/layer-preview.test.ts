import { describe, expect, it } from 'vitest';
import { previewLayers } from './layer-preview';

describe('previewLayers', () => {
  it('lists the final stage, base first, metadata thin', () => {
    const p = previewLayers('FROM golang AS build\nRUN go build\nFROM busybox:1.35\nCOPY --from=build /app /app\nENV A=1\nCMD ["/app"]\n');
    expect(p.hidden).toBe(0);
    expect(p.layers.map((l) => [l.keyword, l.thin, l.base])).toEqual([
      ['FROM', false, true], ['COPY', false, false], ['ENV', true, false], ['CMD', true, false],
    ]);
    expect(p.layers[1].text).toBe('--from=build /app /app');
  });

  it('keeps the base and the newest layers when there are too many', () => {
    const df = ['FROM busybox', ...Array.from({ length: 12 }, (_, i) => `RUN echo ${i}`)].join('\n');
    const p = previewLayers(df, 5);
    expect(p.layers.map((l) => l.text)).toEqual(['busybox', 'echo 8', 'echo 9', 'echo 10', 'echo 11']);
    expect(p.hidden).toBe(8);
  });

  it('joins continuation lines and clips long ones', () => {
    const p = previewLayers('FROM a\nRUN apt-get update && \\\n    apt-get install -y curl wget git vim nano less tree htop jq\n', 8, 30);
    expect(p.layers[1].text).toHaveLength(30);
    expect(p.layers[1].text.endsWith('…')).toBe(true);
    expect(p.layers[1].text).not.toContain('\\\n');
  });

  it('gives nothing for text that is not a Dockerfile', () => {
    expect(previewLayers('hello world').layers).toEqual([]);
  });
});

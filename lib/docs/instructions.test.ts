import { describe, expect, it } from 'vitest';
import { Keyword } from 'dockerfile-ast';
import { DockerfileLanguageServiceFactory } from 'dockerfile-language-service';
import { INSTRUCTION_DOCS, instructionDoc } from './instructions';
import { FLAG_DOCS } from './flags';
import { instructionHoverMarkdown, flagHoverMarkdown } from './hover';

const hasHan = (s: string) => /\p{Script=Han}/u.test(s);

describe('instruction docs', () => {
  const keywords = Object.values(Keyword);

  it('cover every Dockerfile instruction the parser knows, and nothing else', () => {
    expect(keywords.length).toBeGreaterThanOrEqual(18);
    expect([...INSTRUCTION_DOCS.keys()].sort()).toEqual([...keywords].sort());
  });

  it.each(keywords)('%s has an English and a Chinese explanation and an example', (keyword) => {
    const doc = instructionDoc(keyword)!;
    expect(doc.summary.en.length).toBeGreaterThan(40);
    expect(hasHan(doc.summary.en)).toBe(false);
    expect(hasHan(doc.summary.zh)).toBe(true);
    if (doc.tip) {
      expect(doc.tip.en.length).toBeGreaterThan(10);
      expect(hasHan(doc.tip.zh)).toBe(true);
    }
    // The example shows the instruction it documents (MAINTAINER's shows its replacement).
    expect(doc.example).toMatch(keyword === 'MAINTAINER' ? /^LABEL maintainer=/m : new RegExp(`^${keyword}\\b`, 'm'));
  });

  it('teach what the lessons teach', () => {
    expect(instructionDoc('RUN')!.tip!.en).toMatch(/&&/);
    expect(instructionDoc('RUN')!.example).toContain('rm -rf /var/lib/apt/lists/*');
    expect(instructionDoc('WORKDIR')!.tip!.en).toMatch(/RUN cd/);
    expect(instructionDoc('ADD')!.tip!.en).toMatch(/COPY/);
    expect(instructionDoc('FROM')!.tip!.en).toMatch(/scratch/);
    expect(instructionDoc('ENV')!.tip!.en).toMatch(/version/);
  });

  it('are written by us, not taken from the language service\'s own hover texts', () => {
    const service = DockerfileLanguageServiceFactory.createLanguageService();
    service.setCapabilities({ hover: { contentFormat: ['plaintext'] } });
    for (const keyword of keywords) {
      const theirs = service.computeHover(`${keyword} x`, { line: 0, character: 1 });
      const text = typeof theirs?.contents === 'string' ? theirs.contents : JSON.stringify(theirs?.contents ?? '');
      const ours = instructionDoc(keyword)!;
      for (const sentence of `${ours.summary.en} ${ours.tip?.en ?? ''}`.split(/(?<=\.)\s+/).filter((s) => s.length > 25)) {
        expect(text).not.toContain(sentence.replace(/\.$/, ''));
      }
    }
  });
});

describe('hover markdown', () => {
  it('renders the summary, tip and example in the chosen language', () => {
    const en = instructionHoverMarkdown('run', 'en')!;
    expect(en).toContain('**RUN**');
    expect(en).toContain(instructionDoc('RUN')!.tip!.en);
    expect(en).toContain('```dockerfile');
    const zh = instructionHoverMarkdown('WORKDIR', 'zh')!;
    expect(zh).toContain(instructionDoc('WORKDIR')!.summary.zh);
    expect(instructionHoverMarkdown('NOPE')).toBeNull();
  });

  it('documents the flags the classic builder accepts', () => {
    expect(flagHoverMarkdown('COPY', 'from', 'en')).toContain('earlier build stage');
    expect(flagHoverMarkdown('COPY', 'chmod')).toBeNull();
    for (const flag of FLAG_DOCS) {
      expect(flag.summary.en.length).toBeGreaterThan(10);
      expect(hasHan(flag.summary.zh)).toBe(true);
    }
  });
});

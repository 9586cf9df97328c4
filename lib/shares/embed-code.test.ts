import { describe, expect, it } from 'vitest';
import { embedSnippet, embedUrl } from './embed-code';

describe('embed code', () => {
  it('points at the embed route, with replay when asked', () => {
    expect(embedUrl('https://layerlab.example', 'abcdefghijkl')).toBe('https://layerlab.example/embed/abcdefghijkl');
    expect(embedUrl('https://layerlab.example', 'abcdefghijkl', { replay: true })).toBe('https://layerlab.example/embed/abcdefghijkl?replay=1');
    expect(embedUrl('https://layerlab.example', 'abcdefghijkl', { replay: true, lang: 'zh' })).toBe('https://layerlab.example/embed/abcdefghijkl?replay=1&lang=zh');
    expect(embedSnippet('https://l.example', 'abcdefghijkl', 't', { replay: true })).toContain('src="https://l.example/embed/abcdefghijkl?replay=1"');
  });

  it('escapes a hostile title so it cannot leave the attribute', () => {
    const code = embedSnippet('https://l.example', 'abcdefghijkl', '"><script>alert(1)</script>');
    expect(code).not.toContain('<script>');
    expect(code).toContain('title="Layerlab: &quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    // Parsed as HTML, it is still one iframe with the whole title as its title.
    expect(code.match(/<iframe /g)).toHaveLength(1);
    expect(code.endsWith('></iframe>')).toBe(true);
  });

  it('keeps the height within reason', () => {
    expect(embedSnippet('https://l.example', 'abcdefghijkl', '', { height: 99999 })).toContain('height="1200"');
    expect(embedSnippet('https://l.example', 'abcdefghijkl', '')).toContain('title="Layerlab playground"');
  });
});

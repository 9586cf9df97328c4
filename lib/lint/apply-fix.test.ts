import { describe, expect, it } from 'vitest';
import { applyEdits } from './apply-fix';

describe('applyEdits', () => {
  it('replaces whole line ranges, bottom-up, so line numbers of earlier edits stay valid', () => {
    const text = 'a\nb\nc\nd\n';
    expect(applyEdits(text, [{ line: 1, endLine: 1, text: 'A1\nA2' }, { line: 3, endLine: 4, text: 'CD' }])).toBe('A1\nA2\nb\nCD\n');
  });
});

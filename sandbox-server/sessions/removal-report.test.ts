import { describe, expect, it } from 'vitest';
import { engineMessage, isGone, removalStatus } from './removal-report';

describe('removal report', () => {
  it('counts only a 404 as already gone', () => {
    expect(isGone({ statusCode: 404 })).toBe(true);
    expect(isGone({ statusCode: 409 })).toBe(false);
    expect(isGone({ statusCode: 500 })).toBe(false);
    expect(isGone(new Error('socket hang up'))).toBe(false);
    expect(isGone(undefined)).toBe(false);
  });

  it('keeps the engine\'s own words, without the HTTP preamble', () => {
    expect(engineMessage({ statusCode: 409, json: { message: 'conflict: unable to remove repository reference "x" (must force)' } }))
      .toBe('conflict: unable to remove repository reference "x" (must force)');
    expect(engineMessage(new Error('(HTTP code 500) server error - driver failed'))).toBe('driver failed');
    expect(engineMessage('plain')).toBe('plain');
    expect(engineMessage({ statusCode: 502, message: '' })).toBe('failed (HTTP 502)');
  });

  it('answers 207 when anything is left', () => {
    expect(removalStatus({ containers: 1, images: 2, leftovers: [] })).toBe(200);
    expect(removalStatus({ containers: 0, images: 0, leftovers: [{ kind: 'image', ref: 'x', message: 'in use' }] })).toBe(207);
  });
});

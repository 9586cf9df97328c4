import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';
import { SandboxError } from './sandbox-client';
import { sessionFailure } from './useSandboxSession';

describe('sessionFailure', () => {
  it('gives the sandbox\'s own reason when it answered', () => {
    const m = sessionFailure(new SandboxError('quota', 'This sandbox host is full.', 429), 'http://sb');
    expect(t('en', m.key, m.vars)).toBe('The sandbox could not open a session: This sandbox host is full.');
  });

  it('says the sandbox did not answer when the request never got through', () => {
    const m = sessionFailure(new TypeError('fetch failed'), 'http://sb');
    expect(t('en', m.key, m.vars)).toBe('The sandbox at http://sb did not answer (fetch failed).');
  });
});

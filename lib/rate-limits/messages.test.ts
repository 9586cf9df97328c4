import { describe, expect, it } from 'vitest';
import { say } from '../i18n';
import { en } from '../i18n/messages/en';
import { zh } from '../i18n/messages/zh';
import { limitPhrase, parseRetryAfter } from './messages';

describe('limit messages', () => {
  it('every limit has its words in English and Chinese, and an unknown one reads as the generic', () => {
    for (const limit of ['session-create', 'sessions-per-address', 'sessions-per-host', 'progress-write', 'progress-learner', 'progress-total', 'class-create', 'nonsense']) {
      const p = limitPhrase(limit, 90);
      expect(en[p.key], limit).toBeTruthy();
      expect((zh as Record<string, string>)[p.key], limit).toBeTruthy();
      expect(say('zh', p)).not.toMatch(/\{\w+\}/);
      expect(say('en', p)).not.toMatch(/\{\w+\}/);
    }
    expect(say('en', limitPhrase('nonsense', 5))).toBe('Too many requests from your network. Wait 5 s and try again.');
    expect(say('en', limitPhrase('class-create', 3599))).toMatch(/Wait 60 min/);
  });

  it('reads Retry-After in seconds or as a date', () => {
    expect(parseRetryAfter('17')).toBe(17);
    expect(parseRetryAfter(new Date(1_000_000 + 30_000).toUTCString(), 1_000_000)).toBe(30);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

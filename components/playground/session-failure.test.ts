import { describe, expect, it } from 'vitest';
import { say } from '@/lib/i18n';
import { SandboxError } from './sandbox-client';
import { sessionFailure } from './useSandboxSession';

describe('sessionFailure', () => {
  it('gives the sandbox\'s own reason when it answered', () => {
    const m = sessionFailure(new SandboxError('quota', 'This sandbox host is full.', 429), 'http://sb');
    expect(say('en', m)).toBe('The sandbox could not open a session: This sandbox host is full.');
  });

  it('says the sandbox did not answer when the request never got through', () => {
    const m = sessionFailure(new TypeError('fetch failed'), 'http://sb');
    expect(say('en', m)).toBe('The sandbox at http://sb did not answer (fetch failed).');
  });

  it('words a named limit in the reader\'s language, with the server\'s wait', () => {
    const perMinute = sessionFailure(new SandboxError('quota', 'Too many new sessions from your address.', 429, 'session-create', 42), 'http://sb');
    expect(say('en', perMinute)).toBe('Too many new sandbox sessions from your network in the last minute. Wait 42 s and try again.');
    expect(say('zh', perMinute)).toBe('你所在的网络在过去一分钟内新建的沙箱会话太多了。请等 42 秒后再试。');
    const held = sessionFailure(new SandboxError('quota', 'Your address already holds 40 live sessions.', 429, 'sessions-per-address', 7000), 'http://sb');
    expect(say('en', held)).toMatch(/as many sandbox sessions as one address may keep.*wait 117 min/);
    expect(say('zh', held)).toMatch(/单个地址的上限.*117 分钟/);
  });
});

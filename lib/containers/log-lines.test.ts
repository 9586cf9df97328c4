import { describe, expect, it } from 'vitest';
import { appendLog, type LogLine } from './log-lines';

describe('log lines the page keeps', () => {
  it('splits chunks into lines and joins a line written in two chunks', () => {
    let l: LogLine[] = [];
    l = appendLog(l, { stream: 'stdout', text: 'hel' }, 1000);
    l = appendLog(l, { stream: 'stdout', text: 'lo\nwor' }, 1000);
    l = appendLog(l, { stream: 'stderr', text: 'oops\n' }, 1000);
    l = appendLog(l, { stream: 'stdout', text: 'ld\n' }, 1000);
    expect(l).toEqual([
      { stream: 'stdout', text: 'hello', open: false },
      { stream: 'stdout', text: 'wor', open: true },
      { stream: 'stderr', text: 'oops', open: false },
      { stream: 'stdout', text: 'ld', open: false },
    ]);
  });

  it('keeps blank lines and drops the oldest past the bound', () => {
    let l: LogLine[] = [];
    l = appendLog(l, { stream: 'stdout', text: 'a\n\nb\n' }, 1000);
    expect(l.map((x) => x.text)).toEqual(['a', '', 'b']);
    for (let i = 0; i < 100; i++) l = appendLog(l, { stream: 'stdout', text: `line ${i}\n` }, 50);
    expect(l.reduce((n, x) => n + x.text.length + 1, 0)).toBeLessThanOrEqual(50);
    expect(l.at(-1)!.text).toBe('line 99');
  });
});

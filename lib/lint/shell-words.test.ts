import { describe, expect, it } from 'vitest';
import { shellCommands, programIndex } from './shell-words';

const words = (text: string) => shellCommands(text).map((c) => c.words.map((w) => w.value));

describe('shellCommands', () => {
  it('splits on shell operators and continuation lines', () => {
    expect(words('cd /x && make;ls | wc -l || true & \\\n  echo done')).toEqual([
      ['cd', '/x'], ['make'], ['ls'], ['wc', '-l'], ['true'], ['echo', 'done'],
    ]);
  });
  it('keeps quoted text in one word and reports its offsets', () => {
    const [c] = shellCommands('echo "cd && x" \'a b\'');
    expect(c.words.map((w) => w.value)).toEqual(['echo', 'cd && x', 'a b']);
    expect(c.words[1]).toMatchObject({ start: 5, end: 14 });
  });
  it('drops leading assignments and looks through sudo and env', () => {
    const [c] = shellCommands('DEBIAN_FRONTEND=noninteractive apt-get install -y x');
    expect(c.words[0].value).toBe('apt-get');
    const [d] = shellCommands('sudo env A=1 apt-get install');
    expect(d.words[programIndex(d)].value).toBe('apt-get');
  });
  it('skips comments', () => {
    expect(words('ls # cd /x')).toEqual([['ls']]);
  });
});

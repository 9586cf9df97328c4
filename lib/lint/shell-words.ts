// A small reader for the shell command of one RUN: enough to find the simple
// commands (`cd`, `apt-get install`, `rm -rf ...`) between &&, ||, ;, | and &,
// honouring quotes and Dockerfile line continuations. Not a full shell parser:
// substitutions and here-documents are read as plain words.

export interface ShellWord { value: string; start: number; end: number; }
/** A simple command: its words, without leading VAR=value assignments. */
export interface ShellCommand { words: ShellWord[]; }

const OPERATORS = ['&&', '||', ';;', ';', '|', '&', '(', ')'];

export function shellCommands(text: string): ShellCommand[] {
  const commands: ShellCommand[] = [];
  let words: ShellWord[] = [];
  const endCommand = () => {
    while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0].value)) words.shift();
    if (words.length) commands.push({ words });
    words = [];
  };

  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\' && text[i + 1] === '\n') { i += 2; continue; }
    if (ch === '\\' && text[i + 1] === '\r' && text[i + 2] === '\n') { i += 3; continue; }
    if (ch === '\n') { endCommand(); i++; continue; }
    if (/\s/.test(ch)) { i++; continue; }
    if (ch === '#') { while (i < text.length && text[i] !== '\n') i++; continue; }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) { endCommand(); i += op.length; continue; }

    const start = i;
    let value = '';
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) break;
      if (/\s/.test(c) || OPERATORS.some((o) => text.startsWith(o, i))) break;
      if (c === "'") {
        const close = text.indexOf("'", i + 1);
        const stop = close < 0 ? text.length : close;
        value += text.slice(i + 1, stop);
        i = stop + 1;
      } else if (c === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length) { value += text[i + 1]; i += 2; } else { value += text[i]; i++; }
        }
        i++;
      } else if (c === '\\' && i + 1 < text.length) {
        value += text[i + 1];
        i += 2;
      } else {
        value += c;
        i++;
      }
    }
    words.push({ value, start, end: Math.min(i, text.length) });
  }
  endCommand();
  return commands;
}

/** The program a command runs, looking through `sudo` and `env`. */
export function programIndex(command: ShellCommand): number {
  let k = 0;
  while (k < command.words.length && ['sudo', 'env'].includes(command.words[k].value)) k++;
  while (k < command.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[k].value)) k++;
  return k;
}

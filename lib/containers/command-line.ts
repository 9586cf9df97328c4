// What the playground's command boxes stand for: a line typed by a learner is
// run by the image's shell, as `docker exec c sh -c '…'` and
// `docker run img sh -c '…'` would run it, so `&&`, `>`, `$((…))` and quotes
// mean what they mean in a terminal. Pure.

/** The command array the engine gets for a typed line. */
export function shellCommand(line: string): string[] {
  return ['sh', '-c', line];
}

/** POSIX single quotes: the only character that needs care is the quote itself. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The docker CLI line a command box stands for. */
export function dockerExecLine(container: string, line: string): string {
  return `docker exec ${shellQuote(container)} sh -c ${shellQuote(line)}`;
}

export function dockerRunLine(image: string, line: string, start: boolean): string {
  // -i: the playground keeps stdin open, so a shell as the command waits.
  const verb = start ? 'docker run -d -i' : 'docker create -i';
  return line.trim() ? `${verb} ${shellQuote(image)} sh -c ${shellQuote(line)}` : `${verb} ${shellQuote(image)}`;
}

// The words a command stands for, so a lesson check that asks for
// `uname -r` is met by the box's `sh -c 'uname -r'` as by the array itself.
// Only plain words count (no quotes, operators or expansions): for anything
// more the shell would read it differently from a split on spaces.
export function commandWords(cmd: readonly string[]): readonly string[] {
  if (cmd.length === 3 && cmd[0] === 'sh' && cmd[1] === '-c' && /^[A-Za-z0-9_@%+=:,./ \t-]*$/.test(cmd[2])) {
    const words = cmd[2].split(/[ \t]+/).filter(Boolean);
    if (words.length) return words;
  }
  return cmd;
}

// The engine's answer when the image has no /bin/sh: runc says `exec: "sh":
// executable file not found`, gVisor `error finding executable "sh"`.
export function isMissingShell(text: string): boolean {
  return /executable file not found[^\n]*"sh"|"sh": executable file not found|error finding executable "sh"/.test(text);
}

/** Up/down through earlier commands, newest last, as a shell's history does. */
export class CommandHistory {
  private readonly entries: string[] = [];
  private at = 0;
  constructor(private readonly limit = 50) {}
  add(line: string): void {
    if (line.trim() && this.entries[this.entries.length - 1] !== line) this.entries.push(line);
    if (this.entries.length > this.limit) this.entries.shift();
    this.at = this.entries.length;
  }
  previous(): string | undefined {
    if (this.at === 0) return this.entries.length ? this.entries[0] : undefined;
    return this.entries[--this.at];
  }
  next(): string {
    if (this.at >= this.entries.length - 1) { this.at = this.entries.length; return ''; }
    return this.entries[++this.at];
  }
}

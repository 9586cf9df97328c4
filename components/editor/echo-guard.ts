// The editor reports each change and the page hands the text back as the
// `value` prop. On a busy machine that prop can trail the editor by a few
// keystrokes; writing a trailing copy back into the editor erases what was
// typed since (the usual React wrapper for Monaco, @monaco-editor/react, does exactly that).
// The guard tells such echoes from real outside changes (Start over, a lesson
// loading its starter, a teacher's push), which must still reach the editor.
const MAX_PENDING = 256;

export class EchoGuard {
  // Texts the editor reported that the page has not handed back yet, oldest first.
  private pending: string[] = [];

  emitted(text: string): void {
    this.pending.push(text);
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  // Whether `prop` must be written into an editor that now holds `current`.
  shouldApply(prop: string, current: string): boolean {
    const at = this.pending.lastIndexOf(prop);
    if (at >= 0) {
      // React hands state back in order, so older reports are settled too.
      this.pending.splice(0, at + 1);
      return false;
    }
    this.pending = [];
    return prop !== current;
  }
}

// Lesson markdown to HTML. The content is ours (reviewed in the repo), so the
// HTML is trusted; raw HTML in lessons is still escaped to keep it that way.
import { Marked } from 'marked';

const marked = new Marked({
  gfm: true,
  renderer: {
    html(token) { return token.text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'); },
  },
});

export function renderMarkdown(source: string): string {
  return marked.parse(source, { async: false }) as string;
}

// One line of markdown (task, hint, check label) without a wrapping <p>.
export function renderInline(source: string): string {
  return marked.parseInline(source, { async: false }) as string;
}

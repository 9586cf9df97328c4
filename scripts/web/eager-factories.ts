// Makes Chromium compile our JavaScript's module bodies off the main thread.
//
// Turbopack writes each chunk as `TURBOPACK.push([script, id, factory, id,
// factory, …])`. V8 compiles a function lazily, on its first call, on the
// main thread, unless the function is written inside parentheses: that tells
// its parser the function is called at once, and it is then compiled with
// the script, on the background thread that streams the download. Every
// factory runs at load, so wrapping each in parentheses only moves work off
// the main thread. Profiled on /play: the Monaco chunk's one factory (a
// 2.7 MB scope-hoisted module) took 250 ms of lazy compiling on the main
// thread before the editor could be made; wrapped, that work is done while
// the page is still downloading and hydrating (bench: editor interactive
// 1028 → 909 ms, medians of 7, same build otherwise).
//
// Only the factories' own bodies are compiled eagerly; functions inside them
// stay lazy, so nothing is compiled that would not have been.
import { parse, type Node } from 'acorn';

interface Span { start: number; end: number }

const isFunction = (n: Node | null): n is Node & Span =>
  !!n && (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression');

/** The factory functions of a Turbopack chunk, or null when the text is not one. */
export function chunkFactories(source: string): Span[] | null {
  if (!source.startsWith('(globalThis.TURBOPACK')) return null;
  // preserveParens: an already wrapped factory shows as a parenthesized node.
  const ast = parse(source, { ecmaVersion: 'latest', sourceType: 'script', preserveParens: true }) as unknown as { body: Node[] };
  const stmt = ast.body[0] as unknown as { type: string; expression?: { type: string; arguments?: Node[] } };
  const call = stmt?.type === 'ExpressionStatement' ? stmt.expression : undefined;
  const list = call?.type === 'CallExpression' ? call.arguments?.[0] as unknown as { type: string; elements: (Node | null)[] } : undefined;
  if (list?.type !== 'ArrayExpression') return null;
  return list.elements.filter(isFunction).map(({ start, end }) => ({ start, end }));
}

/** The chunk with every bare factory in parentheses; the same text when there is nothing to do. */
export function wrapFactories(source: string): { source: string; wrapped: number } {
  const spans = chunkFactories(source);
  if (!spans?.length) return { source, wrapped: 0 };
  let out = '';
  let at = 0;
  for (const { start, end } of spans) {
    out += source.slice(at, start) + '(' + source.slice(start, end) + ')';
    at = end;
  }
  return { source: out + source.slice(at), wrapped: spans.length };
}

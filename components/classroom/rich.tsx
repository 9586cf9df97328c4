// A translated sentence with elements in it (a name in bold, a link): each
// {placeholder} left in the text becomes the given node, so every language
// keeps its own word order. People's names go in as nodes, never through t().
import { Fragment, type ReactNode } from 'react';

export function rich(text: string, nodes: Record<string, ReactNode>): ReactNode[] {
  return text.split(/(\{\w+\})/).map((part, i) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return <Fragment key={i}>{name !== undefined && name in nodes ? nodes[name] : part}</Fragment>;
  });
}

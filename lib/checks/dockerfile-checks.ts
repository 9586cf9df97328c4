// Checks over the Dockerfile the learner is editing (the text, not a build).
import { z } from 'zod';
import { parseDockerfile } from '../dockerfile/model';
import { defineCheck } from './define';
import { missing, ok } from './types';

export const dockerfileInstructions = defineCheck({
  type: 'dockerfile-instructions',
  params: z.object({
    instruction: z.string(),
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
    argsPattern: z.string().optional(),   // only instructions whose arguments match this regex count
  }).strict(),
  run: (p, { dockerfile }) => {
    if (dockerfile === undefined) return missing('Write a Dockerfile in the editor.', '请在编辑器里编写 Dockerfile。');
    const kw = p.instruction.toUpperCase();
    const re = p.argsPattern ? new RegExp(p.argsPattern) : undefined;
    const n = parseDockerfile(dockerfile).instructions.filter((i) => i.keyword === kw && (!re || re.test(i.args))).length;
    const which = p.argsPattern ? ` matching /${p.argsPattern}/` : '';
    if (p.min !== undefined && n < p.min) return missing(
      `The Dockerfile has ${n} ${kw} instruction(s)${which}; it needs at least ${p.min}.`,
      `Dockerfile 里有 ${n} 条${p.argsPattern ? `符合 /${p.argsPattern}/ 的` : ''} ${kw} 指令，至少需要 ${p.min} 条。`,
    );
    if (p.max !== undefined && n > p.max) return missing(
      `The Dockerfile has ${n} ${kw} instruction(s)${which}; at most ${p.max} allowed.`,
      `Dockerfile 里有 ${n} 条${p.argsPattern ? `符合 /${p.argsPattern}/ 的` : ''} ${kw} 指令，最多允许 ${p.max} 条。`,
    );
    return ok;
  },
});

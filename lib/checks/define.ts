// A check type: its parameters (validated when lessons are loaded) and its
// predicate. Kept generic so the catalog can hold every type in one table.
import type { z } from 'zod';
import type { Capability, CheckContext, CheckResult } from './types';

export interface CheckType<P> {
  type: string;
  params: z.ZodType<P>;
  requires?: Capability;
  run(params: P, ctx: CheckContext): CheckResult;
}

export function defineCheck<P>(def: CheckType<P>): CheckType<unknown> {
  return def as unknown as CheckType<unknown>;
}

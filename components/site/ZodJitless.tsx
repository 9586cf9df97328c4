'use client';
// zod compiles its object parsers with new Function() when it may. The pages'
// policy has no 'unsafe-eval', so zod's probe for it is refused, and the
// browser reports a violation on every page that parses a message; the
// parsers zod falls back to are the ones that run either way.
import { z } from 'zod';

z.config({ jitless: true });

export function ZodJitless() {
  return null;
}

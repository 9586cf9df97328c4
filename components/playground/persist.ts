// What survives a reload: the Dockerfile, the context files and the sandbox
// session. Parsed with zod so a stale or hand-edited entry starts fresh
// instead of crashing the page.
import { z } from 'zod';
import { ContextFile, Session } from '@/lib/protocol';

export const STORAGE_KEY = 'layerlab.playground.v1';

export const SavedPlayground = z.object({
  dockerfile: z.string(),
  files: z.record(z.string(), ContextFile),
  tag: z.string().default('myapp:1'),
  noCache: z.boolean().default(false),
  session: Session.nullable().default(null),
  selectedImage: z.string().nullable().default(null),
});
export type SavedPlayground = z.infer<typeof SavedPlayground>;

export function parseSaved(raw: string | null): SavedPlayground | null {
  if (!raw) return null;
  try {
    const r = SavedPlayground.safeParse(JSON.parse(raw));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function sessionUsable(session: SavedPlayground['session'], now: Date): boolean {
  return Boolean(session && Date.parse(session.expiresAt) > now.getTime() + 30_000);
}

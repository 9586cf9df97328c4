// What a learner's browser keeps per class: the member token (so a reload
// or a dropped connection comes back to the same member), their Dockerfile,
// their sandbox session and which starter push they already answered.
import { z } from 'zod';
import { Session } from '@/lib/protocol';
import { CompactLayer, LastBuild } from '@/lib/classroom/messages';

const KEY = (classroomId: string) => `layerlab.class.${classroomId}`;

export const SavedMembership = z.object({
  classroomId: z.string(),
  memberId: z.string(),
  token: z.string(),
  displayName: z.string(),
  code: z.string(),
  dockerfile: z.string().nullable().default(null),
  starterAnswered: z.number().int().default(0),
  session: Session.nullable().default(null),
  // Kept so a reload reports the last build again instead of "none".
  lastBuild: LastBuild.default(null),
  layers: z.array(CompactLayer).default([]),
});
export type SavedMembership = z.infer<typeof SavedMembership>;

export function loadMembership(classroomId: string): SavedMembership | null {
  try {
    const r = SavedMembership.safeParse(JSON.parse(localStorage.getItem(KEY(classroomId)) ?? 'null'));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

export function saveMembership(m: SavedMembership): void {
  localStorage.setItem(KEY(m.classroomId), JSON.stringify(m));
}

// Memberships in this browser, so /join can offer "continue as …".
export function listMemberships(): SavedMembership[] {
  const out: SavedMembership[] = [];
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (!k?.startsWith('layerlab.class.')) continue;
    const m = loadMembership(k.slice('layerlab.class.'.length));
    if (m) out.push(m);
  }
  return out;
}

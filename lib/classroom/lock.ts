// What a locked class still takes from a learner. The lock freezes the
// Dockerfile and the build: a report that changes either (or the layers a
// build brings) is refused field by field, so a client that ignores the
// read-only editor still cannot move its row on the dashboard. Running
// containers and lesson progress go on being reported, and a value equal to
// the stored one (every reconnect sends everything again) is not a change.
// Pure.
import type { LearnerReport } from './messages';
import type { MemberDetail } from './roster';
import type { Phrase } from '../i18n';

export const LOCKED_FIELDS = ['dockerfile', 'lastBuild', 'layers'] as const satisfies readonly (keyof LearnerReport)[];
export type LockedField = (typeof LOCKED_FIELDS)[number];

export const LOCKED_MESSAGE: Phrase = { key: 'classroom.error.locked' };

export interface LockSplit { accepted: LearnerReport; refused: LockedField[] }

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function splitLockedReport(locked: boolean, stored: Pick<MemberDetail, 'dockerfile' | 'lastBuild' | 'layers'> | null, report: LearnerReport): LockSplit {
  if (!locked) return { accepted: report, refused: [] };
  const accepted: LearnerReport = { ...report };
  const refused: LockedField[] = [];
  for (const field of LOCKED_FIELDS) {
    if (report[field] === undefined) continue;
    delete accepted[field];
    if (!stored || !same(report[field], stored[field])) refused.push(field);
  }
  return { accepted, refused };
}

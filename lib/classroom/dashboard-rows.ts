// The dashboard's row model: what each column says about one learner, as
// plain strings and tones, so the view only lays them out.
import type { MemberRow, RosterSnapshot } from './roster';

export type Tone = 'ok' | 'danger' | 'dim' | 'neutral';

export interface DashboardRow {
  id: string;
  name: string;
  connection: { label: string; tone: Tone };
  lesson: string;
  build: { label: string; detail: string | null; tone: Tone };
  layers: string;
  containers: string;
}

export function ago(fromIso: string, now: Date): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 1000));
  if (s < 60) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min ago`;
  return `${Math.round(m / 60)} h ago`;
}

function lessonText(p: MemberRow['progress']): string {
  const parts: string[] = [];
  if (p.step !== undefined) parts.push(p.stepsTotal ? `Step ${p.step}/${p.stepsTotal}` : `Step ${p.step}`);
  if (p.checksPassed !== undefined) parts.push(p.checksTotal ? `${p.checksPassed}/${p.checksTotal} checks` : `${p.checksPassed} checks`);
  return parts.length ? parts.join(' · ') : '—';
}

export function dashboardRow(m: MemberRow, now: Date): DashboardRow {
  const b = m.lastBuild;
  const build: DashboardRow['build'] = !b
    ? { label: 'No build yet', detail: null, tone: 'dim' }
    : b.ok
      ? { label: 'Built OK', detail: null, tone: 'ok' }
      : { label: b.line ? `Failed at line ${b.line}` : 'Failed', detail: b.message, tone: 'danger' };
  return {
    id: m.id,
    name: m.displayName,
    connection: m.status === 'online'
      ? { label: 'Online', tone: 'ok' }
      : { label: `Offline · ${ago(m.lastSeen, now)}`, tone: 'dim' },
    lesson: lessonText(m.progress),
    build,
    // The layer count of the last image; a failed first build has none.
    layers: m.layerCount > 0 ? String(m.layerCount) : '—',
    containers: String(m.runningContainers),
  };
}

// Learners who need help first (failed build), then everyone by name, so a
// glance at the top of the table is enough.
export function dashboardRows(s: RosterSnapshot, now: Date): DashboardRow[] {
  const rank = (m: MemberRow) => (m.lastBuild && !m.lastBuild.ok ? 0 : 1);
  return [...s.members]
    .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName))
    .map((m) => dashboardRow(m, now));
}

export interface ClassSummary { joined: number; online: number; built: number; failing: number; cap: number }

export function classSummary(s: RosterSnapshot): ClassSummary {
  return {
    joined: s.members.length,
    online: s.members.filter((m) => m.status === 'online').length,
    built: s.members.filter((m) => m.lastBuild?.ok).length,
    failing: s.members.filter((m) => m.lastBuild && !m.lastBuild.ok).length,
    cap: s.classroom.classSize,
  };
}

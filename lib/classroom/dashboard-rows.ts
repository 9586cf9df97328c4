// The dashboard's row model: what each column says about one learner, as
// plain strings and tones, so the view only lays them out.
import { t, type Locale } from '../i18n';
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

export function ago(fromIso: string, now: Date, locale: Locale = 'en'): string {
  const s = Math.max(0, Math.round((now.getTime() - Date.parse(fromIso)) / 1000));
  if (s < 60) return t(locale, 'classroom.row.justNow');
  const m = Math.round(s / 60);
  if (m < 60) return t(locale, 'classroom.row.minutesAgo', { n: m });
  return t(locale, 'classroom.row.hoursAgo', { n: Math.round(m / 60) });
}

function lessonText(p: MemberRow['progress'], locale: Locale): string {
  const parts: string[] = [];
  if (p.step !== undefined) parts.push(p.stepsTotal ? t(locale, 'classroom.row.stepOf', { step: p.step, total: p.stepsTotal }) : t(locale, 'classroom.row.step', { step: p.step }));
  if (p.checksPassed !== undefined) {
    parts.push(p.checksTotal ? t(locale, 'classroom.row.checksOf', { passed: p.checksPassed, total: p.checksTotal }) : t(locale, 'classroom.row.checks', { passed: p.checksPassed }));
  }
  return parts.length ? parts.join(' · ') : '—';
}

export function dashboardRow(m: MemberRow, now: Date, locale: Locale = 'en'): DashboardRow {
  const b = m.lastBuild;
  const build: DashboardRow['build'] = !b
    ? { label: t(locale, 'classroom.row.noBuild'), detail: null, tone: 'dim' }
    : b.ok
      ? { label: t(locale, 'classroom.row.builtOk'), detail: null, tone: 'ok' }
      : { label: b.line ? t(locale, 'classroom.row.failedAt', { line: b.line }) : t(locale, 'classroom.row.failed'), detail: b.message, tone: 'danger' };
  return {
    id: m.id,
    name: m.displayName,
    connection: m.status === 'online'
      ? { label: t(locale, 'classroom.row.online'), tone: 'ok' }
      : { label: t(locale, 'classroom.row.offline', { ago: ago(m.lastSeen, now, locale) }), tone: 'dim' },
    lesson: lessonText(m.progress, locale),
    build,
    // The layer count of the last image; a failed first build has none.
    layers: m.layerCount > 0 ? String(m.layerCount) : '—',
    containers: String(m.runningContainers),
  };
}

// Learners who need help first (failed build), then everyone by name, so a
// glance at the top of the table is enough.
export function dashboardRows(s: RosterSnapshot, now: Date, locale: Locale = 'en'): DashboardRow[] {
  const rank = (m: MemberRow) => (m.lastBuild && !m.lastBuild.ok ? 0 : 1);
  return [...s.members]
    .sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName))
    .map((m) => dashboardRow(m, now, locale));
}

export interface ClassSummary {
  joined: number; online: number; built: number; failing: number; cap: number;
  /** Every seat taken: the next learner is refused until one is freed. */
  full: boolean;
  lastJoined: { name: string; at: string } | null;
}

export function classSummary(s: RosterSnapshot): ClassSummary {
  const last = s.members.reduce<MemberRow | null>((a, m) => (!a || Date.parse(m.joinedAt) > Date.parse(a.joinedAt) ? m : a), null);
  return {
    joined: s.members.length,
    online: s.members.filter((m) => m.status === 'online').length,
    built: s.members.filter((m) => m.lastBuild?.ok).length,
    failing: s.members.filter((m) => m.lastBuild && !m.lastBuild.ok).length,
    cap: s.classroom.classSize,
    full: s.members.length >= s.classroom.classSize,
    lastJoined: last ? { name: last.displayName, at: last.joinedAt } : null,
  };
}

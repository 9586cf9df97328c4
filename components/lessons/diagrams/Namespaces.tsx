// One container: its process inside namespaces, bounded by cgroups, standing
// on a union of read-only layers plus its writable layer.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Block, Figure } from './parts';

export function Namespaces({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1]) => t(locale, k);
  const ns = ['pid', 'net', 'ipc', 'mnt', 'uts'];
  return (
    <Figure title={m('diagram.ns.title')} viewBox="0 0 780 320">
      {/* cgroups: the outer boundary */}
      <rect x={20} y={16} width={460} height={290} rx={14} fill="none" stroke="var(--warn)" strokeWidth={3} strokeDasharray="10 6" />
      <text x={36} y={40} fontSize={14} fontWeight={700} fill="var(--warn)">{m('diagram.ns.cgroups')}</text>
      {/* namespaces: the process space */}
      <rect x={44} y={54} width={412} height={120} rx={12} fill="none" stroke="var(--process)" strokeWidth={3} />
      <text x={60} y={76} fontSize={14} fontWeight={700} fill="var(--process)">{m('diagram.ns.namespaces')}</text>
      {ns.map((n, i) => <Block key={n} x={60 + i * 78} y={88} w={68} h={28} fill="var(--process)" label={n} bold />)}
      <Block x={150} y={128} w={200} h={32} fill="var(--surface-2)" color="var(--text)" label={m('diagram.ns.process')} bold />
      {/* union filesystem */}
      <text x={60} y={200} fontSize={14} fontWeight={700} fill="var(--layer)">{m('diagram.ns.union')}</text>
      <Block x={60} y={210} w={380} h={24} fill="var(--writable)" label={m('diagram.ns.writable')} />
      <Block x={60} y={238} w={380} h={20} fill="var(--layer)" />
      <Block x={60} y={260} w={380} h={20} fill="var(--layer)" label={m('diagram.ns.readonly')} size={12} />
      <Block x={60} y={282} w={380} h={14} fill="var(--layer)" />
      {/* cgroup meters */}
      {[['diagram.ns.memory', 0.62], ['diagram.ns.cpu', 0.35], ['diagram.ns.pids', 0.15]].map(([k, v], i) => (
        <g key={String(k)}>
          <text x={520} y={70 + i * 70} fontSize={13} fontWeight={600} fill="var(--text)">{m(k as Parameters<typeof t>[1])}</text>
          <rect x={520} y={80 + i * 70} width={230} height={18} rx={9} fill="var(--surface-2)" stroke="var(--border)" />
          <rect x={520} y={80 + i * 70} width={230 * Number(v)} height={18} rx={9} fill="var(--warn)" />
          <line x1={738} y1={74 + i * 70} x2={738} y2={104 + i * 70} stroke="var(--danger)" strokeWidth={3} />
        </g>
      ))}
    </Figure>
  );
}

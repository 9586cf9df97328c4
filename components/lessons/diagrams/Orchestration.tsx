// A manager holding the desired state and three nodes running replicas; one
// failed replica is replaced on another node.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Arrow, Block, Figure } from './parts';

export function Orchestration({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1], vars?: Record<string, number>) => t(locale, k, vars);
  return (
    <Figure title={m('diagram.orch.title')} viewBox="0 0 780 300">
      <Block x={230} y={16} w={320} h={40} fill="var(--accent)" label={m('diagram.orch.control')} bold />
      <Block x={300} y={64} w={180} h={26} fill="var(--surface-2)" color="var(--text)" label={m('diagram.orch.desired')} size={12} />
      {[0, 1, 2].map((i) => {
        const x = 30 + i * 250;
        return (
          <g key={i}>
            <Arrow x1={390} y1={92} x2={x + 110} y2={128} />
            <rect x={x} y={130} width={220} height={150} rx={10} fill="var(--surface)" stroke="var(--border)" strokeWidth={2} />
            <text x={x + 12} y={152} fontSize={13} fontWeight={700} fill="var(--text)">{m('diagram.orch.node', { n: i + 1 })}</text>
            <Block x={x + 12} y={246} w={196} h={22} fill="var(--layer-cached)" label="dockerd / containerd" size={11} />
          </g>
        );
      })}
      <Block x={44} y={168} w={90} h={60} fill="var(--ok)" label={m('diagram.orch.replica')} bold />
      <g opacity={0.55}>
        <Block x={294} y={168} w={90} h={60} fill="var(--danger)" label={m('diagram.orch.failed')} bold />
      </g>
      <Block x={396} y={168} w={90} h={60} fill="var(--ok)" label={m('diagram.orch.replica')} bold />
      <Block x={544} y={168} w={90} h={60} fill="var(--ok)" label={m('diagram.orch.replica')} bold />
      <Arrow x1={386} y1={198} x2={394} y2={198} />
    </Figure>
  );
}

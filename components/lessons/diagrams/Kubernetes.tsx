// Kubernetes: the control plane (API server at the centre, etcd, scheduler,
// controllers) and worker nodes (kubelet, kube-proxy, runtime, pods).
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Arrow, Block, Caption, Figure } from './parts';

export function Kubernetes({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1], vars?: Record<string, number>) => t(locale, k, vars);
  return (
    <Figure title={m('diagram.k8s.title')} viewBox="0 0 780 330">
      <rect x={20} y={14} width={740} height={118} rx={10} fill="none" stroke="var(--accent)" strokeWidth={2} />
      <Caption x={36} y={36} anchor="start">{m('diagram.k8s.control')}</Caption>
      <Block x={290} y={48} w={200} h={40} fill="var(--accent)" label={m('diagram.k8s.api')} bold />
      <Block x={40} y={82} w={200} h={36} fill="var(--layer-cached)" label={m('diagram.k8s.etcd')} />
      <Block x={540} y={48} w={200} h={32} fill="var(--process)" label={m('diagram.k8s.scheduler')} />
      <Block x={540} y={88} w={200} h={32} fill="var(--process)" label={m('diagram.k8s.controllers')} />
      <Block x={300} y={96} w={180} h={26} fill="var(--surface-2)" color="var(--text)" label="kubectl →" size={12} />
      <Arrow x1={288} y1={74} x2={242} y2={94} />
      <Arrow x1={492} y1={64} x2={538} y2={64} />
      <Arrow x1={492} y1={80} x2={538} y2={100} />
      {[0, 1].map((i) => {
        const x = 40 + i * 380;
        return (
          <g key={i}>
            <Arrow x1={390} y1={90 + 2} x2={x + 160} y2={156} dashed />
            <rect x={x} y={158} width={320} height={160} rx={10} fill="var(--surface)" stroke="var(--border)" strokeWidth={2} />
            <text x={x + 14} y={180} fontSize={13} fontWeight={700} fill="var(--text)">{m('diagram.k8s.node', { n: i + 1 })}</text>
            <Block x={x + 14} y={190} w={140} h={28} fill="var(--accent)" label="kubelet" />
            <Block x={x + 166} y={190} w={140} h={28} fill="var(--layer-cached)" label="kube-proxy" />
            {[0, 1].map((j) => (
              <g key={j}>
                <rect x={x + 14 + j * 152} y={226} width={140} height={50} rx={8} fill="none" stroke="var(--ok)" strokeWidth={2} />
                <text x={x + 24 + j * 152} y={242} fontSize={11} fontWeight={700} fill="var(--ok)">{m('diagram.k8s.pod')}</text>
                <Block x={x + 22 + j * 152} y={248} w={58} h={22} fill="var(--ok)" />
                <Block x={x + 86 + j * 152} y={248} w={58} h={22} fill="var(--ok)" />
              </g>
            ))}
            <Block x={x + 14} y={284} w={292} h={24} fill="var(--text-dim)" label={`${m('diagram.k8s.runtime')} (containerd)`} size={12} />
          </g>
        );
      })}
    </Figure>
  );
}

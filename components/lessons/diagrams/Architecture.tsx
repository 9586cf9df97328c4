// Client → daemon on a Docker host (images, containers) ↔ registry.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Arrow, Block, Caption, Figure } from './parts';

export function Architecture({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1]) => t(locale, k);
  return (
    <Figure title={m('diagram.arch.title')} viewBox="0 0 780 290">
      <Caption x={95} y={40}>{m('diagram.arch.client')}</Caption>
      {['docker build', 'docker run', 'docker pull'].map((c, i) => (
        <Block key={c} x={20} y={60 + i * 44} w={150} h={34} fill="var(--surface-2)" color="var(--text)" label={c} />
      ))}
      <rect x={230} y={24} width={330} height={250} rx={10} fill="none" stroke="var(--border)" strokeWidth={2} />
      <Caption x={395} y={50}>{m('diagram.arch.host')}</Caption>
      <Block x={250} y={66} w={290} h={40} fill="var(--accent)" label={m('diagram.arch.daemon')} bold />
      <text x={260} y={134} fontSize={13} fontWeight={700} fill="var(--text-dim)">{m('diagram.arch.images')}</text>
      {[0, 1].map((i) => (
        <g key={i}>
          <Block x={250 + i * 70} y={144} w={60} h={14} fill="var(--layer)" />
          <Block x={250 + i * 70} y={160} w={60} h={14} fill="var(--layer)" />
          <Block x={250 + i * 70} y={176} w={60} h={14} fill="var(--layer)" />
        </g>
      ))}
      <text x={410} y={134} fontSize={13} fontWeight={700} fill="var(--text-dim)">{m('diagram.arch.containers')}</text>
      {[0, 1].map((i) => (
        <g key={i}>
          <rect x={405 + i * 70} y={140} width={64} height={58} rx={6} fill="none" stroke="var(--process)" strokeWidth={2} />
          <Block x={410 + i * 70} y={146} w={54} h={12} fill="var(--writable)" />
          <Block x={410 + i * 70} y={160} w={54} h={12} fill="var(--layer)" />
          <Block x={410 + i * 70} y={174} w={54} h={12} fill="var(--layer)" />
        </g>
      ))}
      <Arrow x1={375} y1={168} x2={400} y2={168} />
      <Caption x={690} y={40}>{m('diagram.arch.registry')}</Caption>
      <rect x={620} y={60} width={140} height={150} rx={10} fill="var(--surface-2)" stroke="var(--border)" />
      {['nginx', 'python', 'lab/hello'].map((n, i) => (
        <Block key={n} x={635} y={74 + i * 44} w={110} h={34} fill="var(--layer-cached)" label={n} />
      ))}
      <Arrow x1={172} y1={120} x2={248} y2={88} />
      <Arrow x1={560} y1={110} x2={618} y2={110} label="push" />
      <Arrow x1={618} y1={150} x2={562} y2={160} label="pull" />
    </Figure>
  );
}

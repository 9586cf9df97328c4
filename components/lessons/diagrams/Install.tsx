// A pull on your own machine: daemon.json names a mirror, which is asked
// first; Docker Hub is the fallback.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Arrow, Block, Figure } from './parts';

export function Install({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1]) => t(locale, k);
  return (
    <Figure title={m('diagram.install.title')} viewBox="0 0 780 190">
      <Block x={20} y={62} w={280} h={50} fill="var(--accent)" label={m('diagram.install.you')} bold />
      <Block x={50} y={122} w={220} h={30} fill="var(--surface-2)" color="var(--text)" label={m('diagram.install.config')} size={12} />
      <Block x={420} y={16} w={240} h={50} fill="var(--ok)" label={m('diagram.install.mirror')} bold />
      <Block x={540} y={120} w={220} h={50} fill="var(--layer-cached)" label={m('diagram.install.hub')} bold />
      <Arrow x1={302} y1={74} x2={418} y2={44} label="1" />
      <Arrow x1={302} y1={100} x2={538} y2={142} dashed />
      <text x={400} y={144} textAnchor="middle" fontSize={12} fill="var(--text-dim)">{`2 · ${m('diagram.install.fallback')}`}</text>
    </Figure>
  );
}

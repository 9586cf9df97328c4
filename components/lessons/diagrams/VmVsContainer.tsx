// Three stacks: VMs on a hypervisor, containers on Linux, containers in one
// Linux VM on macOS/Windows. VM parts in teal, container parts in green.
import type { Locale } from '@/lib/i18n';
import { t } from '@/lib/i18n';
import { Block, Caption, Figure } from './parts';

const VM = '#1a9bb0';
const CT = 'var(--ok)';

export function VmVsContainer({ locale }: { locale: Locale }) {
  const m = (k: Parameters<typeof t>[1]) => t(locale, k);
  const app = (x: number, y: number, w: number, n: number, fill: string) => (
    <g key={`${x}-${y}`}>
      <Block x={x} y={y} w={w} h={26} fill={fill} label={`${m('diagram.vm.app')} ${n}`} />
      <Block x={x} y={y + 30} w={w} h={22} fill={fill} label={m('diagram.vm.deps')} size={12} />
    </g>
  );
  return (
    <Figure title={m('diagram.vm.title')} viewBox="0 0 780 305">
      {/* Virtual machines */}
      <Caption x={130} y={22}>{m('diagram.vm.vms')}</Caption>
      {[0, 1].map((i) => (
        <g key={i}>
          {app(20 + i * 112, 40, 104, i + 1, VM)}
          <Block x={20 + i * 112} y={96} w={104} h={34} fill={VM} label={m('diagram.vm.guestOs')} bold />
        </g>
      ))}
      <Block x={20} y={140} w={216} h={34} fill="var(--process)" label={m('diagram.vm.hypervisor')} bold />
      <Block x={20} y={184} w={216} h={34} fill="var(--layer-cached)" label={m('diagram.vm.hostOs')} />
      <Block x={20} y={228} w={216} h={34} fill="var(--text-dim)" label={m('diagram.vm.hardware')} />

      {/* Containers on Linux */}
      <Caption x={390} y={22}>{m('diagram.vm.linux')}</Caption>
      {[0, 1].map((i) => app(282 + i * 112, 96, 104, i + 1, CT))}
      <Block x={282} y={156} w={216} h={22} fill="var(--layer)" label={m('diagram.vm.engine')} size={12} />
      <Block x={282} y={184} w={216} h={34} fill="var(--layer-cached)" label={m('diagram.vm.linuxKernel')} bold />
      <Block x={282} y={228} w={216} h={34} fill="var(--text-dim)" label={m('diagram.vm.hardware')} />

      {/* Containers on macOS / Windows */}
      <Caption x={650} y={22}>{m('diagram.vm.desktop')}</Caption>
      <rect x={538} y={84} width={224} height={142} rx={8} fill="none" stroke={VM} strokeWidth={2} strokeDasharray="6 4" />
      <text x={650} y={218} textAnchor="middle" fontSize={12} fill={VM} fontWeight={700}>{m('diagram.vm.linuxVm')}</text>
      {[0, 1].map((i) => app(546 + i * 106, 92, 98, i + 1, CT))}
      <Block x={546} y={150} w={204} h={22} fill="var(--layer)" label={m('diagram.vm.engine')} size={12} />
      <Block x={546} y={176} w={204} h={26} fill={VM} label={m('diagram.vm.guestOs')} size={12} />
      <Block x={538} y={234} w={224} h={28} fill="var(--layer-cached)" label={m('diagram.vm.hostOs')} size={12} />
      <Block x={538} y={268} w={224} h={28} fill="var(--text-dim)" label={m('diagram.vm.hardware')} size={12} />
    </Figure>
  );
}

// Small SVG building blocks shared by the concept diagrams.
import type { ReactNode } from 'react';

export function Block({ x, y, w, h, fill, label, color = '#fff', dashed, size = 13, bold }: {
  x: number; y: number; w: number; h: number; fill: string; label?: ReactNode; color?: string; dashed?: boolean; size?: number; bold?: boolean;
}) {
  return (
    <g>
      <rect x={x} y={y} width={w} height={h} rx={6} fill={fill} stroke={dashed ? 'var(--text-dim)' : 'none'} strokeDasharray={dashed ? '5 4' : undefined} />
      {label !== undefined && (
        <text x={x + w / 2} y={y + h / 2} dominantBaseline="central" textAnchor="middle" fill={color} fontSize={size} fontWeight={bold ? 700 : 500}>{label}</text>
      )}
    </g>
  );
}

export function Caption({ x, y, children, anchor = 'middle', size = 14 }: { x: number; y: number; children: ReactNode; anchor?: 'start' | 'middle' | 'end'; size?: number }) {
  return <text x={x} y={y} textAnchor={anchor} fill="var(--text)" fontSize={size} fontWeight={700}>{children}</text>;
}

export function Arrow({ x1, y1, x2, y2, label, dashed }: { x1: number; y1: number; x2: number; y2: number; label?: string; dashed?: boolean }) {
  const angle = Math.atan2(y2 - y1, x2 - x1);
  const head = 8;
  // Rounded: server and browser trig differ in the last digits, which
  // would break hydration.
  const r = (n: number) => Math.round(n * 100) / 100;
  const p = (a: number) => `${r(x2 - head * Math.cos(angle - a))},${r(y2 - head * Math.sin(angle - a))}`;
  return (
    <g stroke="var(--text-dim)" fill="var(--text-dim)">
      <line x1={x1} y1={y1} x2={x2} y2={y2} strokeWidth={2} strokeDasharray={dashed ? '6 4' : undefined} />
      <polygon points={`${x2},${y2} ${p(0.45)} ${p(-0.45)}`} stroke="none" />
      {label && <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 8} textAnchor="middle" fontSize={12} stroke="none" fill="var(--text-dim)">{label}</text>}
    </g>
  );
}

export function Figure({ title, viewBox, children }: { title: string; viewBox: string; children: ReactNode }) {
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={viewBox} role="img" aria-label={title} style={{ width: '100%', height: 'auto', display: 'block', fontFamily: 'var(--font)' }}>
        <title>{title}</title>
        {children}
      </svg>
      <figcaption style={{ fontSize: '0.85rem', color: 'var(--text-dim)', textAlign: 'center', marginTop: '0.4rem' }}>{title}</figcaption>
    </figure>
  );
}

// The picture the product teaches, drawn once for the home page: two
// containers sharing one read-only image, each with its own writable layer.
const layers = [
  { label: 'FROM debian:bookworm-slim', size: '138 MB' },
  { label: 'RUN apt-get install -y python3', size: '147 MB' },
  { label: 'WORKDIR /app', size: '0 B', thin: true },
  { label: 'COPY app.py .', size: '1.2 kB' },
  { label: 'CMD ["python3", "app.py"]', size: '0 B', thin: true },
];

export function StackIllustration({ label, writable, caption }: { label: string; writable: (n: number) => string; caption: string }) {
  const w = 420;
  let y = 210;
  const blocks = layers.map((l) => {
    const h = l.thin ? 12 : 30;
    y -= h + 4;
    return { ...l, y, h };
  });
  return (
    <svg viewBox={`0 0 ${w} 290`} role="img" aria-label={label} className="stack-illustration">
      {[0, 1].map((i) => (
        <g key={i}>
          <rect x={30 + i * 200} y={6} width={170} height={34} rx={6} fill="var(--writable)" opacity={0.9} />
          <text x={115 + i * 200} y={28} textAnchor="middle" fontSize="13" fontWeight={600} fill="#1b2230">{writable(i + 1)}</text>
          <rect x={22 + i * 200} y={0} width={186} height={48} rx={10} fill="none" stroke="var(--process)" strokeDasharray="5 4" strokeWidth={2} />
          <line x1={115 + i * 200} y1={48} x2={w / 2} y2={blocks[blocks.length - 1].y + 28} stroke="var(--text-dim)" strokeWidth={1.5} />
        </g>
      ))}
      {blocks.map((b) => (
        <g key={b.label}>
          <rect x={40} y={b.y + 30} width={w - 80} height={b.h} rx={5} fill={b.thin ? 'var(--layer-thin)' : 'var(--layer)'} />
          {!b.thin && (
            <text x={54} y={b.y + 30 + b.h / 2 + 5} fontSize="13" fill="#fff" fontFamily="var(--mono)">{b.label}</text>
          )}
          <text x={w - 50} y={b.y + 30 + b.h / 2 + 5} fontSize="12" textAnchor="end" fill={b.thin ? 'var(--text-dim)' : '#fff'}>{b.thin ? b.label + ' · ' + b.size : b.size}</text>
        </g>
      ))}
      <text x={w / 2} y={282} textAnchor="middle" fontSize="12" fill="var(--text-dim)">{caption}</text>
    </svg>
  );
}

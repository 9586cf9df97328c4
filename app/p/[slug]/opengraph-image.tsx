// The link preview (OpenGraph and Twitter card): the snapshot's title and
// the layer stack its Dockerfile makes, drawn by next/og on the server.
import { ImageResponse } from 'next/og';
import { loadShare } from '@/app/api/shares/_lib/load';
import { previewLayers } from '@/lib/shares/layer-preview';

export const alt = 'The layer stack of a shared Dockerfile';
export const size = { width: 1200, height: 630 };
export const contentType = 'image/png';

const C = { bg: '#0f141c', text: '#e6ebf2', dim: '#9aa6b8', layer: '#4f7cd8', base: '#2c3f66', thin: '#34477a', writable: '#f0b43c' };

export default async function Image({ params }: { params: Promise<{ slug: string }> }) {
  const share = await loadShare((await params).slug);
  const title = share ? share.title || 'A shared Docker playground' : 'Share not found';
  const { layers, hidden } = share ? previewLayers(share.dockerfile, 7, 44) : { layers: [], hidden: 0 };
  const shown = [...layers].reverse(); // newest on top, base at the bottom
  return new ImageResponse(
    (
      <div style={{ width: '100%', height: '100%', display: 'flex', background: C.bg, color: C.text, padding: 56, fontSize: 28 }}>
        <div style={{ display: 'flex', flexDirection: 'column', width: 470, paddingRight: 40, justifyContent: 'space-between' }}>
          <div style={{ display: 'flex', alignItems: 'center', gap: 14, fontSize: 34, fontWeight: 700 }}>
            <div style={{ display: 'flex', flexDirection: 'column', gap: 4, width: 34 }}>
              <div style={{ height: 8, borderRadius: 3, background: C.writable }} />
              <div style={{ height: 8, borderRadius: 3, background: C.layer }} />
              <div style={{ height: 8, borderRadius: 3, background: C.layer }} />
            </div>
            Layerlab
          </div>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 18 }}>
            <div style={{ fontSize: 52, fontWeight: 700, lineHeight: 1.15 }}>{clip(title, 70)}</div>
            <div style={{ color: C.dim, fontSize: 26 }}>
              {layers.length ? `${layers.length + hidden} instructions. Open it to build it on a real Docker Engine and watch each layer land.` : 'A shared Dockerfile.'}
            </div>
          </div>
        </div>
        <div style={{ display: 'flex', flexDirection: 'column', flex: 1, justifyContent: 'flex-end', gap: 8 }}>
          {hidden > 0 && <div style={{ display: 'flex', color: C.dim, fontSize: 22, justifyContent: 'center' }}>{`+${hidden} more`}</div>}
          {shown.map((l, i) => (
            <div key={i} style={{
              display: 'flex', alignItems: 'center', gap: 16, borderRadius: 10, padding: '0 20px',
              height: l.thin ? 34 : 62, fontSize: l.thin ? 20 : 24,
              background: l.base ? C.base : l.thin ? C.thin : C.layer,
            }}>
              <div style={{ display: 'flex', width: 120, fontWeight: 700, opacity: 0.85 }}>{l.keyword}</div>
              <div style={{ display: 'flex', overflow: 'hidden', whiteSpace: 'nowrap' }}>{l.text}</div>
            </div>
          ))}
        </div>
      </div>
    ),
    size,
  );
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

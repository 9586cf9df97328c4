// Recorded-style worlds for the check tests: ids, history texts and diffs as
// the engine (20.10, classic builder, gVisor) reports them.
import type { WorldSnapshot } from '../protocol';
import type { CheckContext } from './types';

const busybox = {
  id: 'sha256:2528eb64a6d3a1f0c1c1f2b4e4fbd8a8e9f3bb4ce0d52a4c0c3f1b8c36d1a7e2', tags: ['busybox:latest', 'busybox:1.35'],
  createdAt: '2026-11-27T17:20:00Z', sizeBytes: 1_980_000, catalog: true,
  layers: [{ id: 'sha256:2528eb64a6d3a1f0c1c1f2b4e4fbd8a8e9f3bb4ce0d52a4c0c3f1b8c36d1a7e2', createdBy: '', sizeBytes: 1_980_000, empty: false }],
};

// lab/layers:1 from "FROM busybox / RUN mkdir /app / COPY hello.txt /app/ / CMD sleep"
const layered = {
  id: 'sha256:7f1e0c9b8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3', tags: ['lab/layers:1'],
  createdAt: '2026-11-27T17:40:00Z', sizeBytes: 1_980_020, catalog: false, parentId: busybox.id,
  layers: [
    busybox.layers[0],
    { id: '<missing>', createdBy: '/bin/sh -c mkdir /app', sizeBytes: 0, empty: false },
    { id: '<missing>', createdBy: '/bin/sh -c #(nop) COPY file:9a1b2c3d4e5f in /app/ ', sizeBytes: 20, empty: false },
    { id: 'sha256:7f1e0c9b8a7c', createdBy: '/bin/sh -c #(nop)  CMD ["sleep" "300"]', sizeBytes: 0, empty: true },
    // The sandbox's own build labels, recorded by the classic builder.
    { id: 'sha256:7f1e0c9b8a7b', createdBy: '/bin/sh -c #(nop)  LABEL org.layerlab.dockerfile=RlJPTSBidXN5Ym94', sizeBytes: 0, empty: true, instruction: 'LABEL' },
    { id: 'sha256:7f1e0c9b8a7d', createdBy: '/bin/sh -c #(nop)  LABEL org.layerlab.session=7bbc831b2747', sizeBytes: 0, empty: true, instruction: 'LABEL' },
  ],
};

// lab/run:1 with two RUNs: 8 MiB written, then deleted in the next layer.
const splitRun = {
  id: 'sha256:aa11bb22cc33dd44ee55ff6677889900aabbccddeeff00112233445566778899', tags: ['lab/run:1'],
  createdAt: '2026-11-27T17:45:00Z', sizeBytes: 10_400_000, catalog: false,
  layers: [
    busybox.layers[0],
    { id: '<missing>', createdBy: '/bin/sh -c dd if=/dev/zero of=/tmp/big bs=1M count=8', sizeBytes: 8_388_608, empty: false, line: 2, instruction: 'RUN' },
    { id: 'sha256:aa11bb22cc33', createdBy: '/bin/sh -c rm /tmp/big', sizeBytes: 0, empty: false, line: 3, instruction: 'RUN' },
  ],
};

// lab/snapshot:1, committed from container c0ffee… which added /data.
const committed = {
  id: 'sha256:5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed', tags: ['lab/snapshot:1'],
  createdAt: '2026-11-27T17:50:00Z', sizeBytes: 1_980_100, catalog: false, committedFrom: 'c0ffee000000111122223333444455556666777788889999aaaabbbbccccdddd',
  layers: [busybox.layers[0], { id: 'sha256:5eed5eed5eed', createdBy: 'sleep 300', sizeBytes: 100, empty: false }],
};

const labeled = {
  id: 'sha256:1abe11abe11abe11abe11abe11abe11abe11abe11abe11abe11abe11abe11abe', tags: ['lab/label:1'],
  createdAt: '2026-11-27T17:55:00Z', sizeBytes: 1_980_000, catalog: false,
  layers: [busybox.layers[0], { id: 'sha256:1abe11abe11a', createdBy: '/bin/sh -c #(nop)  LABEL maintainer=you@example.com version=1.0', sizeBytes: 0, empty: true }],
};

export const world: WorldSnapshot = {
  sessionId: 's-test', at: '2026-11-27T18:00:00Z',
  images: [busybox, layered, splitRun, committed, labeled],
  containers: [
    { id: 'c0ffee000000111122223333444455556666777788889999aaaabbbbccccdddd', image: 'busybox', imageId: busybox.id, state: 'running', createdAt: '2026-11-27T17:48:00Z', cmd: ['sleep', '300'],
      diff: [{ path: '/data', kind: 'A' }, { path: '/data/note.txt', kind: 'A' }, { path: '/etc', kind: 'C' }, { path: '/etc/passwd', kind: 'C' }, { path: '/etc/group', kind: 'D' }] },
    { id: 'decafbad0000111122223333444455556666777788889999aaaabbbbccccdddd', image: 'lab/layers:1', imageId: layered.id, state: 'created', createdAt: '2026-11-27T17:49:00Z', cmd: ['sleep', '300'], diff: [] },
    { id: '0e0e0e0e0000111122223333444455556666777788889999aaaabbbbccccdddd', image: 'busybox', imageId: busybox.id, state: 'exited', exitCode: 0, createdAt: '2026-11-27T17:49:30Z', cmd: ['echo', 'hello from run'] },
    { id: '00mm00mm0000111122223333444455556666777788889999aaaabbbbccccdddd', image: 'python:3.11-slim', imageId: 'sha256:15e5cf1debe3', state: 'exited', exitCode: 137, oomKilled: true, createdAt: '2026-11-27T17:51:00Z', cmd: ['python3', '-c', 'b = bytearray(600 * 1024 * 1024)'] },
  ],
};

export const debianImageId = 'sha256:c5d857502c7a';

export function ctx(extra: Partial<CheckContext> = {}): CheckContext {
  return { world, ...extra };
}

import { describe, expect, it } from 'vitest';
import { runCheck, checkCatalog } from './catalog';
import type { CheckSpec } from './catalog';
import { summarizeBuild } from './build-record';
import { ctx, debianImageId, world } from './fixtures';
import type { CheckContext } from './types';

const running = 'c0ffee000000111122223333444455556666777788889999aaaabbbbccccdddd';
const withDebian: CheckContext['world'] = {
  ...world,
  images: [...world.images, { id: debianImageId, tags: ['debian:bookworm-slim'], createdAt: '', sizeBytes: 1, catalog: true }],
  containers: [...world.containers, { id: 'deb1an000000111122223333444455556666777788889999aaaabbbbccccdddd', image: 'debian:bookworm-slim', imageId: debianImageId, state: 'running', createdAt: '', cmd: ['sleep', '300'] }],
};
const uname = (containerId: string, output: string) => ({ containerId, cmd: ['uname', '-r'], exitCode: 0, output });

// [name, spec, context, expected pass]
const table: [string, CheckSpec, CheckContext, boolean][] = [
  ['image exists by tag', { type: 'image-exists', params: { tag: 'lab/layers:1' } }, ctx(), true],
  ['image missing', { type: 'image-exists', params: { tag: 'lab/nope:1' } }, ctx(), false],
  ['bare tag means :latest', { type: 'image-exists', params: { tag: 'busybox' } }, ctx(), true],
  ['3 layers from the Dockerfile (base found by history prefix)', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 3 } }, ctx(), true],
  ['not 4 layers', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 4 } }, ctx(), false],
  ['2 of them add files', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 2, nonEmptyOnly: true } }, ctx(), true],
  ['one RUN layer', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 1, instruction: 'RUN' } }, ctx(), true],
  ['two RUN layers (line-marked)', { type: 'image-layers', params: { tag: 'lab/run:1', count: 2, instruction: 'run' } }, ctx(), true],
  ['split RUN is not one RUN', { type: 'image-layers', params: { tag: 'lab/run:1', count: 1, instruction: 'RUN' } }, ctx(), false],
  ['all history entries, without the sandbox\'s bookkeeping labels', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 4, scope: 'all' } }, ctx(), true],
  ['bookkeeping labels are not the learner\'s LABELs', { type: 'image-layers', params: { tag: 'lab/layers:1', count: 1, instruction: 'LABEL' } }, ctx(), false],
  ['bookkeeping labels do not count for history text', { type: 'image-history-contains', params: { tag: 'lab/layers:1', instruction: 'LABEL', text: 'org.layerlab.session' } }, ctx(), false],
  ['delete in a later layer does not shrink', { type: 'image-added-size', params: { tag: 'lab/run:1', maxBytes: 1_048_576 } }, ctx(), false],
  ['small image under the cap', { type: 'image-added-size', params: { tag: 'lab/layers:1', maxBytes: 1_048_576 } }, ctx(), true],
  ['min size', { type: 'image-added-size', params: { tag: 'lab/run:1', minBytes: 8_000_000 } }, ctx(), true],
  ['LABEL in history', { type: 'image-history-contains', params: { tag: 'lab/label:1', instruction: 'LABEL', text: 'version=1.0' } }, ctx(), true],
  ['LABEL text absent', { type: 'image-history-contains', params: { tag: 'lab/label:1', instruction: 'LABEL', text: 'description=' } }, ctx(), false],
  ['commit added /data', { type: 'image-from-commit', params: { tag: 'lab/snapshot:1', adds: '/data' } }, ctx(), true],
  ['commit did not add /srv', { type: 'image-from-commit', params: { tag: 'lab/snapshot:1', adds: '/srv' } }, ctx(), false],
  ['built image is not a commit', { type: 'image-from-commit', params: { tag: 'lab/layers:1', adds: '/app' } }, ctx(), false],
  ['created, not started', { type: 'container-state', params: { image: 'lab/layers:1', state: 'created' } }, ctx(), true],
  ['not running', { type: 'container-state', params: { image: 'lab/layers:1', state: 'running' } }, ctx(), false],
  ['exited with 0 (run = create + start)', { type: 'container-state', params: { cmdIncludes: 'echo', state: 'exited', exitCode: 0 } }, ctx(), true],
  ['exit code must match', { type: 'container-state', params: { cmdIncludes: 'echo', state: 'exited', exitCode: 1 } }, ctx(), false],
  ['two running containers needed', { type: 'container-state', params: { state: 'running', count: 2 } }, ctx(), false],
  ['writable layer added /data/note.txt', { type: 'container-diff', params: { path: '/data/note.txt', kind: 'A' } }, ctx(), true],
  ['copy-up shows as C', { type: 'container-diff', params: { path: '/etc/passwd', kind: 'C' } }, ctx(), true],
  ['whiteout shows as D', { type: 'container-diff', params: { path: '/etc/group', kind: 'D' } }, ctx(), true],
  ['kind must match', { type: 'container-diff', params: { path: '/etc/group', kind: 'A' } }, ctx(), false],
  ['diff of another image does not count', { type: 'container-diff', params: { image: 'lab/layers:1', path: '/data', kind: 'A' } }, ctx(), false],
  ['OOM killed', { type: 'container-oom-killed', params: { image: 'python:3.11-slim' } }, ctx({ world: { ...world, images: [...world.images, { id: 'sha256:15e5cf1debe3', tags: ['python:3.11-slim'], createdAt: '', sizeBytes: 1, catalog: true }] } }), true],
  ['no OOM for busybox', { type: 'container-oom-killed', params: { image: 'busybox' } }, ctx(), false],
  ['removed container, image kept', { type: 'container-removed-image-kept', params: { image: 'lab/layers:1' } }, ctx({ removed: [{ containerId: 'x', imageId: 'sha256:7f1e0c9b8a7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3928170615e4d3' }] }), true],
  ['nothing removed yet', { type: 'container-removed-image-kept', params: { image: 'lab/layers:1' } }, ctx(), false],
  ['uname recorded', { type: 'exec-output', params: { cmd: ['uname', '-r'], pattern: '^\\d+\\.\\d+' } }, ctx({ execs: [uname(running, '4.4.0\n')] }), true],
  ['no exec recorded', { type: 'exec-output', params: { cmd: ['uname', '-r'] } }, ctx(), false],
  ['output must match', { type: 'exec-output', params: { cmd: ['cat', '/data/note.txt'], pattern: 'saved' } }, ctx({ execs: [{ containerId: running, cmd: ['cat', '/data/note.txt'], exitCode: 0, output: 'other\n' }] }), false],
  ['exit code of exec', { type: 'exec-output', params: { cmd: ['ls', '/test'], exitCode: 1 } }, ctx({ execs: [{ containerId: running, cmd: ['ls', '/test'], exitCode: 1, output: 'ls: /test: No such file or directory\n' }] }), true],
  ['typed in the command box (sh -c)', { type: 'exec-output', params: { cmd: ['ls', '/test'], exitCode: 1 } }, ctx({ execs: [{ containerId: running, cmd: ['sh', '-c', 'ls /test'], exitCode: 1, output: 'ls: /test: No such file or directory\n' }] }), true],
  ['a shell line is not its split words', { type: 'exec-output', params: { cmd: ['echo', 'a', '&&', 'ls'] } }, ctx({ execs: [{ containerId: running, cmd: ['sh', '-c', 'echo a && ls'], exitCode: 0, output: 'a\n' }] }), false],
  ['exec in a container of the wrong image', { type: 'exec-output', params: { cmd: ['pwd'], image: 'lab/layers:1' } }, ctx({ execs: [{ containerId: running, cmd: ['pwd'], exitCode: 0, output: '/\n' }] }), false],
  ['hostname is the container id', { type: 'exec-output', params: { cmd: ['hostname'], equalsContainerId: true } }, ctx({ execs: [{ containerId: running, cmd: ['hostname'], exitCode: 0, output: 'c0ffee000000\n' }] }), true],
  ['hostname of the host is not', { type: 'exec-output', params: { cmd: ['hostname'], equalsContainerId: true } }, ctx({ execs: [{ containerId: running, cmd: ['hostname'], exitCode: 0, output: 'build-host-7\n' }] }), false],
  ['same kernel in two images', { type: 'exec-same-across-images', params: { cmd: ['uname', '-r'], images: 2 } }, { world: withDebian, execs: [uname(running, '4.4.0\n'), uname('deb1an000000', '4.4.0\n')] }, true],
  ['two runs in one image are not two images', { type: 'exec-same-across-images', params: { cmd: ['uname', '-r'], images: 2 } }, { world: withDebian, execs: [uname(running, '4.4.0\n'), uname(running, '4.4.0\n')] }, false],
  ['gVisor answers with its own kernel', { type: 'kernel-compared-with-host', params: {} }, ctx({ engine: { runtime: 'runsc', kernelVersion: '6.18.44-fc-v669' }, execs: [uname(running, '4.4.0\n')] }), true],
  ['runc shares the host kernel', { type: 'kernel-compared-with-host', params: {} }, ctx({ engine: { runtime: 'runc', kernelVersion: '6.18.44-fc-v669' }, execs: [uname(running, '6.18.44-fc-v669\n')] }), true],
  ['runc answer that differs from the host is wrong', { type: 'kernel-compared-with-host', params: {} }, ctx({ engine: { runtime: 'runc', kernelVersion: '6.18.44-fc-v669' }, execs: [uname(running, '4.4.0\n')] }), false],
  ['host kernel unknown', { type: 'kernel-compared-with-host', params: {} }, ctx({ engine: { runtime: 'runsc' }, execs: [uname(running, '4.4.0\n')] }), false],
  ['no uname recorded', { type: 'kernel-compared-with-host', params: {} }, ctx({ engine: { runtime: 'runsc', kernelVersion: '6.1' } }), false],
  ['build used the cache', { type: 'build-used-cache', params: { tag: 'lab/build:2', minCached: 3, minBuilt: 1 } }, ctx({ builds: [{ tag: 'lab/build:2', ok: true, steps: 5, cachedSteps: 4 }] }), true],
  ['fully cached build does not rebuild anything', { type: 'build-used-cache', params: { minCached: 3, minBuilt: 1 } }, ctx({ builds: [{ ok: true, steps: 4, cachedSteps: 4 }] }), false],
  ['failed build does not count', { type: 'build-used-cache', params: { minCached: 1 } }, ctx({ builds: [{ ok: false, steps: 3, cachedSteps: 2 }] }), false],
  ['two WORKDIRs', { type: 'dockerfile-instructions', params: { instruction: 'workdir', min: 2 } }, ctx({ dockerfile: 'FROM busybox\nWORKDIR /test\nWORKDIR demo\n' }), true],
  ['RUN cd is refused', { type: 'dockerfile-instructions', params: { instruction: 'RUN', argsPattern: '(^|&&|;)\\s*cd\\s', max: 0 } }, ctx({ dockerfile: 'FROM busybox\nRUN cd /tmp && pwd\n' }), false],
  ['no Dockerfile at all', { type: 'dockerfile-instructions', params: { instruction: 'FROM', min: 1 } }, ctx(), false],
  ['pushed', { type: 'registry-pushed', params: { ref: 'localhost:5000/lab/hello:1' } }, ctx({ registry: [{ action: 'push', ref: 'localhost:5000/lab/hello:1', ok: true }] }), true],
  ['not pushed', { type: 'registry-pushed', params: { ref: 'localhost:5000/lab/hello:1' } }, ctx(), false],
  ['pulled after the push', { type: 'registry-pulled', params: { ref: 'localhost:5000/lab/hello:1' } }, ctx({ world: { ...world, images: [...world.images, { id: 'sha256:9', tags: ['localhost:5000/lab/hello:1'], createdAt: '', sizeBytes: 1, catalog: false }] }, registry: [{ action: 'push', ref: 'localhost:5000/lab/hello:1', ok: true }, { action: 'pull', ref: 'localhost:5000/lab/hello:1', ok: true }] }), true],
  ['pull before push proves nothing', { type: 'registry-pulled', params: { ref: 'localhost:5000/lab/hello:1' } }, ctx({ world: { ...world, images: [...world.images, { id: 'sha256:9', tags: ['localhost:5000/lab/hello:1'], createdAt: '', sizeBytes: 1, catalog: false }] }, registry: [{ action: 'pull', ref: 'localhost:5000/lab/hello:1', ok: true }, { action: 'push', ref: 'localhost:5000/lab/hello:1', ok: true }] }), false],
];

describe('lesson checks', () => {
  it.each(table)('%s', (_name, spec, context, expected) => {
    const result = runCheck(spec, context);
    expect(result.passed).toBe(expected);
    if (!expected) {
      // A failing check says what is missing, in both languages.
      expect(result.missing?.en.length).toBeGreaterThan(10);
      expect(result.missing?.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('covers every check type in the catalog, passing and failing', () => {
    for (const type of Object.keys(checkCatalog)) {
      const rows = table.filter(([, spec]) => spec.type === type);
      expect(rows.some(([, , , pass]) => pass), `${type} has a passing case`).toBe(true);
      expect(rows.some(([, , , pass]) => !pass), `${type} has a failing case`).toBe(true);
    }
  });

  it('refuses unknown types and bad parameters', () => {
    expect(() => runCheck({ type: 'image-is-pretty', params: {} }, ctx())).toThrow(/Unknown check type/);
    expect(() => runCheck({ type: 'image-layers', params: { tag: 'x' } }, ctx())).toThrow();
  });

  it('marks registry checks as needing the registry capability', () => {
    expect(checkCatalog['registry-pushed'].requires).toBe('registry');
    expect(checkCatalog['image-exists'].requires).toBeUndefined();
  });
});

describe('summarizeBuild', () => {
  it('counts steps and cache hits from a build stream', () => {
    const r = summarizeBuild([
      { type: 'step', index: 1, total: 3, instruction: 'FROM busybox', line: 1 },
      { type: 'layer', index: 1, imageId: 'sha256:a', cached: true },
      { type: 'step', index: 2, total: 3, instruction: 'RUN echo hi', line: 2 },
      { type: 'layer', index: 2, imageId: 'sha256:b', cached: true },
      { type: 'step', index: 3, total: 3, instruction: 'CMD ["sh"]', line: 3 },
      { type: 'layer', index: 3, imageId: 'sha256:c', cached: false },
      { type: 'done', imageId: 'sha256:c', tag: 'lab/x:1' },
    ]);
    expect(r).toEqual({ tag: 'lab/x:1', imageId: 'sha256:c', ok: true, steps: 3, cachedSteps: 2 });
  });
  it('a stream that ends in an error is not a success', () => {
    const r = summarizeBuild([{ type: 'step', index: 1, total: 2, instruction: 'FROM busybox', line: 1 }, { type: 'error', message: 'boom', index: 2 }], 'lab/x:1');
    expect(r.ok).toBe(false);
  });
});

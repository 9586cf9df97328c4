import { describe, expect, it } from 'vitest';
import { volumeMounts } from './volume-mounts';

describe('volumeMounts', () => {
  it('gives each declared volume a tmpfs of the set size, world-writable as a new volume is', () => {
    expect(volumeMounts({ '/data': {}, '/var/lib/x': {} }, 64 * 1024 * 1024)).toEqual([
      { Type: 'tmpfs', Source: '', Target: '/data', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1777 } },
      { Type: 'tmpfs', Source: '', Target: '/var/lib/x', TmpfsOptions: { SizeBytes: 64 * 1024 * 1024, Mode: 0o1777 } },
    ]);
  });
  it('has nothing to mount for an image without volumes', () => {
    expect(volumeMounts(undefined, 1)).toEqual([]);
    expect(volumeMounts(null, 1)).toEqual([]);
    expect(volumeMounts({}, 1)).toEqual([]);
  });
});

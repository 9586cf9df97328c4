// Volumes an image declares (VOLUME) would become anonymous volumes under
// the engine's volumes folder: outside the container's writable layer, so
// outside every size the server measures, and kept until removed. Each one
// becomes a tmpfs of fixed size instead: the kernel stops writes at the
// size, and the bytes are memory, charged to the container's memory limit
// (under gVisor its own tmpfs lives inside the sandbox). Unlike an anonymous
// volume it starts empty: the image's files at that path are not copied in.
export interface TmpfsMount { Type: 'tmpfs'; Source: ''; Target: string; TmpfsOptions: { SizeBytes: number; Mode: number } }

export function volumeMounts(volumes: Record<string, unknown> | null | undefined, sizeBytes: number): TmpfsMount[] {
  return Object.keys(volumes ?? {})
    .filter((path) => path.startsWith('/'))
    .map((path) => ({ Type: 'tmpfs' as const, Source: '' as const, Target: path, TmpfsOptions: { SizeBytes: sizeBytes, Mode: 0o1777 } }));
}

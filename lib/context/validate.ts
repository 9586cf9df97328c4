// Validation of a build context sent as JSON ({path: content}). Pure: it
// returns bytes and paths the server can put in a tar, or the first problem
// found, so the engine never sees a path that could climb out of the context.
export type ContextFileInput = string | { base64: string };

export interface ContextLimits { maxFiles: number; maxBytes: number }
export interface ContextEntry { path: string; data: Uint8Array }
export type ContextResult =
  | { ok: true; entries: ContextEntry[]; totalBytes: number }
  | { ok: false; path?: string; message: string };

const MAX_PATH_LENGTH = 255;

// Returns the normalised path, or the reason it is refused.
export function checkContextPath(raw: string): { ok: true; path: string } | { ok: false; message: string } {
  if (raw.length === 0) return { ok: false, message: 'empty path' };
  if (raw.length > MAX_PATH_LENGTH) return { ok: false, message: `path longer than ${MAX_PATH_LENGTH} characters` };
  // Control characters (NUL above all) end a C string early inside the daemon.
  if (/[\u0000-\u001f\u007f]/.test(raw)) return { ok: false, message: 'control character in path' };
  // A backslash is a plain character to the Linux daemon but a separator to
  // anyone reading the path on Windows: refuse it rather than guess.
  if (raw.includes('\\')) return { ok: false, message: 'backslash in path' };
  if (raw.startsWith('/')) return { ok: false, message: 'absolute path' };
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0) return { ok: false, message: 'path names no file' };
  if (parts.some((p) => p === '..')) return { ok: false, message: '".." in path' };
  if (raw.endsWith('/')) return { ok: false, message: 'path names a directory' };
  return { ok: true, path: parts.join('/') };
}

function decodeBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return undefined;
  const bin = atob(clean.padEnd(Math.ceil(clean.length / 4) * 4, '='));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// The Dockerfile itself counts against the caps as one more file.
export function validateContext(
  dockerfile: string,
  files: Record<string, ContextFileInput> | undefined,
  limits: ContextLimits,
): ContextResult {
  const encoder = new TextEncoder();
  const entries: ContextEntry[] = [];
  const seen = new Set<string>(['Dockerfile']);
  const dockerfileBytes = encoder.encode(dockerfile);
  let totalBytes = dockerfileBytes.length;
  const names = Object.keys(files ?? {});
  if (names.length + 1 > limits.maxFiles) {
    return { ok: false, message: `too many files: ${names.length + 1} (the limit is ${limits.maxFiles}, Dockerfile included)` };
  }
  for (const name of names) {
    const checked = checkContextPath(name);
    if (!checked.ok) return { ok: false, path: name, message: `bad path ${JSON.stringify(name)}: ${checked.message}` };
    if (seen.has(checked.path)) return { ok: false, path: name, message: `path ${JSON.stringify(checked.path)} given twice` };
    // A file at "a" and another at "a/b" cannot both exist in a tree.
    for (const other of seen) {
      if (other.startsWith(checked.path + '/') || checked.path.startsWith(other + '/')) {
        return { ok: false, path: name, message: `path ${JSON.stringify(checked.path)} clashes with ${JSON.stringify(other)}` };
      }
    }
    seen.add(checked.path);
    const value = files![name];
    const data = typeof value === 'string' ? encoder.encode(value) : decodeBase64(value.base64);
    if (!data) return { ok: false, path: name, message: `file ${JSON.stringify(name)} is not valid base64` };
    totalBytes += data.length;
    if (totalBytes > limits.maxBytes) {
      return { ok: false, path: name, message: `context larger than ${limits.maxBytes} bytes` };
    }
    entries.push({ path: checked.path, data });
  }
  entries.unshift({ path: 'Dockerfile', data: dockerfileBytes });
  return { ok: true, entries, totalBytes };
}

// Small display helpers shared by diagrams, logs and lesson checks.

/** The 12-character id Docker prints, from a full or short id, with or without `sha256:`. */
export function shortId(id: string): string {
  const bare = id.startsWith('sha256:') ? id.slice('sha256:'.length) : id;
  return bare.slice(0, 12);
}

const UNITS = ['B', 'kB', 'MB', 'GB', 'TB'];

/**
 * Sizes the way the docker CLI prints them (decimal units, 3 significant
 * digits: 1.98MB, 248MB, 0B), so a diagram and `docker images` agree.
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0B';
  let unit = 0;
  let value = n;
  // Round first: 999,999 B is 1MB, not 1000kB.
  const round = (v: number) => Number(v.toPrecision(3));
  while (round(value) >= 1000 && unit < UNITS.length - 1) { value /= 1000; unit++; }
  return `${unit === 0 ? Math.round(value) : round(value)}${UNITS[unit]}`;
}

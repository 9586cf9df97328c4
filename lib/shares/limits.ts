// Caps on what one share may hold, and how many shares one client may make.
// A share lives for years in the database, so the caps are about storage and
// abuse, well under what a build context may carry.
import { z } from 'zod';

export interface ShareLimits {
  maxBodyBytes: number;        // the whole request, before parsing
  maxDockerfileBytes: number;
  maxFiles: number;            // context files, Dockerfile not counted
  maxFileBytes: number;        // one file, decoded
  maxTotalBytes: number;       // Dockerfile + files + title + commands
  maxTitleChars: number;
  maxCommands: number;
  maxCommandArgs: number;
  maxArgChars: number;
  sharesPerWindow: number;     // per client
  windowSeconds: number;
}

export const DEFAULT_SHARE_LIMITS: ShareLimits = {
  maxBodyBytes: 1024 * 1024,
  maxDockerfileBytes: 64 * 1024,
  maxFiles: 50,
  maxFileBytes: 256 * 1024,
  maxTotalBytes: 512 * 1024,
  maxTitleChars: 120,
  maxCommands: 20,
  maxCommandArgs: 64,
  maxArgChars: 4096,
  sharesPerWindow: 30,
  windowSeconds: 3600,
};

const count = z.coerce.number().int().min(1).max(1_000_000);

// The two a deployment is likely to tune; the rest are part of the format.
export function shareLimitsFromEnv(env: Record<string, string | undefined>): ShareLimits {
  const perWindow = count.safeParse(env.LAYERLAB_SHARES_PER_HOUR ?? DEFAULT_SHARE_LIMITS.sharesPerWindow);
  if (!perWindow.success) throw new Error(`LAYERLAB_SHARES_PER_HOUR must be a whole number from 1, got ${JSON.stringify(env.LAYERLAB_SHARES_PER_HOUR)}`);
  return { ...DEFAULT_SHARE_LIMITS, sharesPerWindow: perWindow.data };
}

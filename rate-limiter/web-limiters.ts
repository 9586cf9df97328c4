// The web process's limiters, built once from the settings and shared by
// every route handler and the classroom socket in that process (Next.js
// bundles route handlers apart from server.ts, so the one copy is kept on
// globalThis, as the database client is).
import { loadClassroomLimits } from '../lib/classroom/limits';
import { rateLimitSpecs } from '../lib/rate-limits/table';
import { loadSettings, type Settings } from '../lib/settings';
import { createLimiters, limiterStore, type Limiters } from './limiters';

const shared = globalThis as unknown as { layerlabWebLimiters?: { settings: Settings; limiters: Limiters } };

export function webLimits(env: Record<string, string | undefined> = process.env): { settings: Settings; limiters: Limiters } {
  if (!shared.layerlabWebLimiters) {
    const settings = loadSettings(env);
    const specs = rateLimitSpecs(settings, loadClassroomLimits(env).classesPerAddress);
    shared.layerlabWebLimiters = { settings, limiters: createLimiters(specs, limiterStore(settings.databaseUrl)) };
  }
  return shared.layerlabWebLimiters;
}

// The web process's limiters, built once from the settings and shared by
// every route handler and the classroom socket in that process (Next.js
// bundles route handlers apart from server.ts, so the one copy is kept on
// globalThis, as the database client is).
import { JOIN_RATE_WINDOW_SECONDS, loadClassroomLimits } from '../lib/classroom/limits';
import { joinLimitSpecs, rateLimitSpecs, type JoinLimitName } from '../lib/rate-limits/table';
import { loadSettings, type Settings } from '../lib/settings';
import { createLimiters, limiterStore, type Limiter, type Limiters } from './limiters';

type WebLimits = { settings: Settings; limiters: Limiters; joinLimiters: Record<JoinLimitName, Limiter> };
const shared = globalThis as unknown as { layerlabWebLimiters?: WebLimits };

export function webLimits(env: Record<string, string | undefined> = process.env): WebLimits {
  if (!shared.layerlabWebLimiters) {
    const settings = loadSettings(env);
    const classes = loadClassroomLimits(env);
    const specs = rateLimitSpecs(settings, classes.classesPerAddress);
    const store = limiterStore(settings.databaseUrl);
    const joins = joinLimitSpecs({ refusalsPerAddress: classes.joinsPerAddress, refusalsPerAddressInClass: classes.refusalsPerAddressInClass, seatsPerCode: classes.joinsPerCode }, JOIN_RATE_WINDOW_SECONDS);
    shared.layerlabWebLimiters = { settings, limiters: createLimiters(specs, store), joinLimiters: createLimiters(joins, store) };
  }
  return shared.layerlabWebLimiters;
}

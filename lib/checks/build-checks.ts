// Checks over finished builds (what the build stream said, not the images).
import { z } from 'zod';
import { defineCheck } from './define';
import { normalizeTag } from './find';
import { missing, ok } from './types';

export const buildUsedCache = defineCheck({
  type: 'build-used-cache',
  params: z.object({ tag: z.string().optional(), minCached: z.number().int().min(1), minBuilt: z.number().int().min(0).optional() }).strict(),
  run: (p, { builds }) => {
    const mine = (builds ?? []).filter((b) => b.ok && (!p.tag || (b.tag && normalizeTag(b.tag) === normalizeTag(p.tag))));
    const good = mine.some((b) => b.cachedSteps >= p.minCached && b.steps - b.cachedSteps >= (p.minBuilt ?? 0));
    if (good) return ok;
    const best = Math.max(0, ...mine.map((b) => b.cachedSteps));
    const rebuilt = p.minBuilt ? ` and at least ${p.minBuilt} step(s) rebuilt` : '';
    const rebuiltZh = p.minBuilt ? `，并且至少 ${p.minBuilt} 步重新执行` : '';
    return missing(
      `Need a successful build${p.tag ? ` of ${p.tag}` : ''} with at least ${p.minCached} step(s) from the cache${rebuilt}; best so far: ${best} cached.`,
      `需要一次成功的构建${p.tag ? `（${p.tag}）` : ''}，其中至少 ${p.minCached} 步使用缓存${rebuiltZh}；目前最多 ${best} 步命中缓存。`,
    );
  },
});

// Checks over registry traffic. They need the sandbox's registry capability
// (push/pull to the local registry), so they declare it.
import { z } from 'zod';
import { defineCheck } from './define';
import { imageByTag } from './find';
import { missing, ok } from './types';

export const registryPushed = defineCheck({
  type: 'registry-pushed',
  params: z.object({ ref: z.string() }).strict(),
  requires: 'registry',
  run: (p, { registry }) => ((registry ?? []).some((r) => r.action === 'push' && r.ok && r.ref === p.ref) ? ok : missing(
    `Push ${p.ref} to the local registry.`,
    `请把 ${p.ref} 推送到本地仓库。`,
  )),
});

// Pulled back after the local copy was deleted: the image came from the registry.
export const registryPulled = defineCheck({
  type: 'registry-pulled',
  params: z.object({ ref: z.string() }).strict(),
  requires: 'registry',
  run: (p, { registry, world }) => {
    const pushedAt = (registry ?? []).findIndex((r) => r.action === 'push' && r.ok && r.ref === p.ref);
    const pulled = (registry ?? []).some((r, i) => i > pushedAt && pushedAt >= 0 && r.action === 'pull' && r.ok && r.ref === p.ref);
    if (pulled && imageByTag(world, p.ref)) return ok;
    return missing(
      `Remove your local ${p.ref}, then pull it back from the registry.`,
      `请先删除本地的 ${p.ref}，再从仓库把它拉取回来。`,
    );
  },
});

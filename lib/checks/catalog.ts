// Every check type a lesson may name, in one table. The lesson validator
// refuses unknown types and bad parameters; runCheck evaluates one spec.
import { buildUsedCache } from './build-checks';
import { containerDiff, containerOomKilled, containerRemovedImageKept, containerState } from './container-checks';
import type { CheckType } from './define';
import { dockerfileInstructions } from './dockerfile-checks';
import { execOutput, execSameAcrossImages, kernelComparedWithHost } from './exec-checks';
import { imageAddedSize, imageExists, imageFromCommit, imageHistoryContains, imageLayers } from './image-checks';
import { registryPulled, registryPushed } from './registry-checks';
import type { Capability, CheckContext, CheckResult } from './types';

export const checkCatalog: Record<string, CheckType<unknown>> = Object.fromEntries([
  imageExists, imageLayers, imageHistoryContains, imageAddedSize, imageFromCommit,
  containerState, containerDiff, containerOomKilled, containerRemovedImageKept,
  execOutput, execSameAcrossImages, kernelComparedWithHost,
  buildUsedCache,
  dockerfileInstructions,
  registryPushed, registryPulled,
].map((c) => [c.type, c]));

export interface CheckSpec { type: string; params: Record<string, unknown> }

export function checkRequires(spec: CheckSpec): Capability | undefined {
  return checkCatalog[spec.type]?.requires;
}

// Parameters are validated here too, so a bad spec fails loudly rather than
// quietly passing or failing.
export function runCheck(spec: CheckSpec, ctx: CheckContext): CheckResult {
  const def = checkCatalog[spec.type];
  if (!def) throw new Error(`Unknown check type "${spec.type}"`);
  const params = def.params.parse(spec.params);
  return def.run(params, ctx);
}

// What /healthz lists under `capabilities`: optional parts of the sandbox
// that answer right now. Clients (the lesson replay, the playground) turn
// off the steps that need a missing one instead of failing them.
import type { Settings } from '../../lib/settings';
import { RegistryClient } from './registry-client';

export type SandboxCapability = 'registry';

export async function sandboxCapabilities(settings: Pick<Settings, 'registryUrl' | 'registryCredentials'>): Promise<SandboxCapability[]> {
  const registry = settings.registryUrl ? await RegistryClient.fromSettings(settings).ping() : false;
  return registry ? ['registry'] : [];
}

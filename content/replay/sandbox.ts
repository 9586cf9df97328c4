// What replaying a lesson needs from a sandbox: the public API of DESIGN §4,
// seen from a learner's session. http-sandbox.ts implements it over HTTP.
import type { BuildEvent, BuildRequest, Container, DiffEntry, Image, Layer } from '../../lib/protocol';
import type { Capability, EngineFacts } from '../../lib/checks/types';

export interface LessonSandbox {
  readonly capabilities: ReadonlySet<Capability>;
  readonly engine?: EngineFacts;
  build(req: BuildRequest): Promise<BuildEvent[]>;
  createContainer(image: string, cmd?: string[]): Promise<{ id: string }>;
  start(containerId: string): Promise<void>;
  stop(containerId: string): Promise<void>;
  remove(containerId: string): Promise<void>;
  exec(containerId: string, cmd: string[]): Promise<{ exitCode: number; output: string }>;
  commit(containerId: string, tag: string): Promise<{ imageId: string }>;
  containers(): Promise<Container[]>;
  container(containerId: string): Promise<Container>;
  diff(containerId: string): Promise<DiffEntry[]>;
  images(): Promise<Image[]>;
  image(ref: string): Promise<Image & { layers: Layer[] }>;
  // Registry capability (the session's /engine lists `registry` when the lesson registry answers).
  push?(image: string, ref: string): Promise<{ ref: string; digest: string; imageId: string }>;
  pull?(ref: string): Promise<{ ref: string; imageId: string }>;
  removeImage?(ref: string): Promise<void>;
}

export class CapabilityMissing extends Error {
  constructor(readonly capability: Capability) { super(`the sandbox lacks the "${capability}" capability`); }
}

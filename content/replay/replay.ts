// Replays a lesson's solution, step by step, against a LessonSandbox, and
// gathers what the checks read: the world as the API reports it, the execs,
// builds, removals and registry traffic the solution caused.
import { summarizeBuild } from '../../lib/checks/build-record';
import { checkRequires } from '../../lib/checks/catalog';
import type { CheckContext, ExecRecord, BuildRecord, RemovalRecord, RegistryRecord, Capability } from '../../lib/checks/types';
import type { Action, Lesson, Step } from '../../lib/lessons/schema';
import { CapabilityMissing } from './sandbox';
import type { LessonSandbox } from './sandbox';

export class LessonReplay {
  private readonly aliases = new Map<string, string>();
  private readonly execs: ExecRecord[] = [];
  private readonly builds: BuildRecord[] = [];
  private readonly removed: RemovalRecord[] = [];
  private readonly registry: RegistryRecord[] = [];
  private dockerfile: string | undefined;

  constructor(private readonly sandbox: LessonSandbox, lesson: Lesson) {
    this.dockerfile = lesson.starter?.dockerfile;
  }

  // Capabilities a step's checks need that this sandbox does not offer.
  missingFor(step: Step): Capability[] {
    const need = step.checks.map((c) => checkRequires(c)).filter((c): c is Capability => c !== undefined);
    return [...new Set(need)].filter((c) => !this.sandbox.capabilities.has(c));
  }

  private id(alias: string): string {
    const id = this.aliases.get(alias);
    if (!id) throw new Error(`container "${alias}" was never created`);
    return id;
  }

  async run(action: Action): Promise<void> {
    const s = this.sandbox;
    switch (action.do) {
      case 'build': {
        const events = await s.build({ dockerfile: action.dockerfile, files: action.files, tag: action.tag });
        const record = summarizeBuild(events, action.tag);
        this.builds.push(record);
        this.dockerfile = action.dockerfile;
        if (!record.ok) {
          const err = events.find((e) => e.type === 'error');
          throw new Error(`build of ${action.tag} failed: ${err && 'message' in err ? err.message : 'no done event'}`);
        }
        return;
      }
      case 'create': this.aliases.set(action.as, (await s.createContainer(action.image, action.cmd)).id); return;
      case 'start': await s.start(this.id(action.container)); return;
      case 'stop': await s.stop(this.id(action.container)); return;
      case 'wait': {
        const id = this.id(action.container);
        const deadline = Date.now() + 60_000;
        for (;;) {
          const c = await s.container(id);
          if (c.state === 'exited' || c.state === 'dead') return;
          if (Date.now() > deadline) throw new Error(`container ${action.container} still ${c.state} after 60 s`);
          await new Promise((r) => setTimeout(r, 250));
        }
      }
      case 'exec': {
        const containerId = this.id(action.container);
        const r = await s.exec(containerId, action.cmd);
        this.execs.push({ containerId, cmd: action.cmd, exitCode: r.exitCode, output: r.output });
        return;
      }
      case 'commit': await s.commit(this.id(action.container), action.tag); return;
      case 'remove': {
        const containerId = this.id(action.container);
        const { imageId } = await s.container(containerId);
        await s.remove(containerId);
        this.removed.push({ containerId, imageId });
        return;
      }
      case 'push':
        if (!s.push) throw new CapabilityMissing('registry');
        {
          // The server's answer names what was pushed, as its world update does.
          const r = await s.push(action.image, action.ref);
          this.registry.push({ action: 'push', ref: r.ref, imageId: r.imageId, digest: r.digest, ok: true });
        }
        return;
      case 'pull':
        if (!s.pull) throw new CapabilityMissing('registry');
        {
          const r = await s.pull(action.ref);
          this.registry.push({ action: 'pull', ref: r.ref, imageId: r.imageId, ok: true });
        }
        return;
      case 'remove-image':
        if (!s.removeImage) throw new CapabilityMissing('registry');
        await s.removeImage(action.ref);
        return;
    }
  }

  // The world from the API's own answers: lists, then each image's history
  // and each container's diff.
  async context(): Promise<CheckContext> {
    const s = this.sandbox;
    const [images, containers] = await Promise.all([s.images(), s.containers()]);
    const withLayers = await Promise.all(images.map(async (img) => ({ ...img, layers: (await s.image(img.id)).layers })));
    const withDiff = await Promise.all(containers.map(async (c) => ({ ...c, diff: await s.diff(c.id) })));
    return {
      world: { sessionId: 'replay', images: withLayers, containers: withDiff, at: new Date().toISOString() },
      engine: s.engine,
      dockerfile: this.dockerfile,
      execs: [...this.execs], builds: [...this.builds], removed: [...this.removed], registry: [...this.registry],
    };
  }
}

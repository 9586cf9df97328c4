// LessonSandbox over the sandbox server's public HTTP API (DESIGN §4).
import { ApiError, BuildEvent, Container, DiffEntry, Image, Layer, PullResult, PushResult, Session } from '../../lib/protocol';
import type { BuildRequest } from '../../lib/protocol';
import type { Capability, EngineFacts } from '../../lib/checks/types';
import type { LessonSandbox } from './sandbox';

export class HttpSandbox implements LessonSandbox {
  readonly capabilities = new Set<Capability>();

  private constructor(private readonly base: string, readonly session: Session, readonly engine: EngineFacts, capabilities: string[]) {
    if (engine.kernelVersion) this.capabilities.add('host-kernel');
    if (capabilities.includes('registry')) this.capabilities.add('registry');
  }

  // hostKernel: the host's `uname -r` when the sandbox does not report it.
  // The engine's facts come from the session's own /engine, as the browser reads them.
  static async open(base: string, hostKernel?: string): Promise<HttpSandbox> {
    const res = await fetch(`${base}/v1/sessions`, { method: 'POST' });
    if (res.status !== 201) throw new Error(`POST /v1/sessions answered ${res.status}: ${await res.text()}`);
    const session = Session.parse(await res.json());
    const facts = await fetch(`${base}/v1/sessions/${session.id}/engine`, { headers: { authorization: `Bearer ${session.token}` } });
    if (!facts.ok) throw new Error(`GET /v1/sessions/:id/engine answered ${facts.status}: ${await facts.text()}`);
    const f = await facts.json() as { runtime?: string; kernelVersion?: string; capabilities?: string[] };
    const engine: EngineFacts = { runtime: f.runtime ?? 'unknown', kernelVersion: f.kernelVersion ?? hostKernel };
    return new HttpSandbox(base, session, engine, f.capabilities ?? []);
  }

  private async call(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.base}/v1/sessions/${this.session.id}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.session.token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const json = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const err = ApiError.safeParse(json);
      throw new Error(`${method} ${path} → ${res.status} ${err.success ? `${err.data.error.code}: ${err.data.error.message}` : text}`);
    }
    return json;
  }

  async build(req: BuildRequest): Promise<BuildEvent[]> {
    const res = await fetch(`${this.base}/v1/sessions/${this.session.id}/builds`, {
      method: 'POST', headers: { authorization: `Bearer ${this.session.token}`, 'content-type': 'application/json' }, body: JSON.stringify(req),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`build → ${res.status} ${text}`);
    return text.split('\n').filter(Boolean).map((line) => BuildEvent.parse(JSON.parse(line)));
  }

  async createContainer(image: string, cmd?: string[]) {
    const r = (await this.call('POST', '/containers', { image, ...(cmd ? { cmd } : {}) })) as { id: string };
    return { id: r.id };
  }
  async start(id: string) { await this.call('POST', `/containers/${id}/start`); }
  async stop(id: string) { await this.call('POST', `/containers/${id}/stop`); }
  async remove(id: string) { await this.call('DELETE', `/containers/${id}`); }
  async exec(id: string, cmd: string[]) {
    const r = (await this.call('POST', `/containers/${id}/exec`, { cmd })) as { exitCode: number; output: string };
    return { exitCode: r.exitCode, output: r.output };
  }
  async commit(id: string, tag: string) {
    const r = (await this.call('POST', `/containers/${id}/commit`, { tag })) as { imageId: string };
    return { imageId: r.imageId };
  }
  async containers() { return Container.array().parse(await this.call('GET', '/containers')); }
  async container(id: string) { return Container.parse(await this.call('GET', `/containers/${id}`)); }
  async diff(id: string) { return DiffEntry.array().parse(await this.call('GET', `/containers/${id}/diff`)); }
  async images() { return Image.array().parse(await this.call('GET', '/images')); }
  async image(ref: string) {
    return Image.extend({ layers: Layer.array() }).parse(await this.call('GET', `/images/${encodeURIComponent(ref)}`));
  }

  // Registry capability: `docker tag` + `docker push`, `docker rmi`, `docker pull`.
  async push(image: string, ref: string) {
    return PushResult.parse(await this.call('POST', `/images/${encodeURIComponent(image)}/push`, { ref }));
  }
  async pull(ref: string) { return PullResult.parse(await this.call('POST', '/pulls', { ref })); }
  async removeImage(ref: string) { await this.call('DELETE', `/images/${encodeURIComponent(ref)}`); }

  async close(): Promise<void> {
    await this.call('DELETE', '');
  }
}

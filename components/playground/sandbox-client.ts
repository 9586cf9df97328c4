// The browser's side of the sandbox API (DESIGN §4): plain fetch, every
// answer validated against the shared protocol.
import { z } from 'zod';
import {
  ContainerLogEvent,
  ApiError, BuildEvent, Container, Layer, Session,
  type BuildRequest, type CreateContainerRequest, type DiffEntry, type StarterRequest,
} from '@/lib/protocol';
import type { LayerFile } from '@/lib/diagrams/union';
import { parseRetryAfter } from '@/lib/rate-limits/messages';

export class SandboxError extends Error {
  // `limit` and `retryAfter` (seconds): set when a named limit refused (429).
  constructor(public code: string, message: string, public status: number, public limit?: string, public retryAfter?: number) { super(message); }
}

// `port`: the sandbox port of this deployment (LAYERLAB_SANDBOX_PORT), used
// when no explicit URL is set.
export function defaultSandboxUrl(explicit?: string, port = 4000): string {
  const w = globalThis as unknown as { __LAYERLAB_SANDBOX_URL__?: string; location?: Location };
  if (w.__LAYERLAB_SANDBOX_URL__) return w.__LAYERLAB_SANDBOX_URL__;
  if (explicit) return explicit;
  if (!w.location) return `http://localhost:${port}`;
  return `${w.location.protocol}//${w.location.hostname}:${port}`;
}

const ImageDetail = z.object({ id: z.string(), tags: z.array(z.string()), layers: z.array(Layer.partial({ empty: true })) });
const LayerFilesAnswer = z.union([
  z.array(z.any()),
  z.object({ files: z.array(z.any()) }).passthrough(),
]);

async function fail(res: Response): Promise<never> {
  let body: unknown = null;
  try { body = await res.json(); } catch { /* not JSON: fall through to the status */ }
  const parsed = ApiError.safeParse(body);
  if (parsed.success) {
    const { code, message, limit, retryAfterSeconds } = parsed.data.error;
    throw new SandboxError(code, message, res.status, limit, parseRetryAfter(res.headers.get('retry-after')) ?? retryAfterSeconds);
  }
  throw new SandboxError('http', `The sandbox answered ${res.status} ${res.statusText}.`, res.status);
}

export async function createSession(baseUrl: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  if (!res.ok) return fail(res);
  return Session.parse(await res.json());
}

// Has the sandbox build a class's starter (or finds the one it built) and
// answers its key, which the class's builds send to reuse its steps.
export async function warmStarter(baseUrl: string, req: StarterRequest, signal?: AbortSignal): Promise<string> {
  const res = await fetch(`${baseUrl}/v1/starters`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(req), signal });
  if (!res.ok) return fail(res);
  return z.object({ key: z.string() }).parse(await res.json()).key;
}

export class SandboxClient {
  private readonly layerFilesKept = new Map<string, Promise<LayerFile[]>>();

  constructor(readonly baseUrl: string, readonly session: Session) {}

  private url(path: string) { return `${this.baseUrl}/v1/sessions/${encodeURIComponent(this.session.id)}${path}`; }

  private async call(path: string, init: RequestInit = {}): Promise<Response> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.session.token}` };
    if (init.body) headers['content-type'] = 'application/json';
    const res = await fetch(this.url(path), { ...init, headers: { ...headers, ...(init.headers as Record<string, string> | undefined) } });
    if (!res.ok) return fail(res);
    return res;
  }

  // A session the server no longer knows (expired, reaped) answers 401/404.
  async alive(): Promise<boolean> {
    try { await this.call('/images'); return true; } catch (e) {
      if (e instanceof SandboxError && (e.status === 401 || e.status === 403 || e.status === 404)) return false;
      throw e;
    }
  }

  // The runtime and host kernel the session's containers run on (lesson checks compare with them).
  async engineFacts(): Promise<{ runtime: string; kernelVersion?: string }> {
    const res = await this.call('/engine');
    return z.object({ runtime: z.string(), kernelVersion: z.string().optional() }).parse(await res.json());
  }

  // Ends the session and everything in it. `keepalive` lets the request
  // outlive the page when it is sent as the page closes.
  async close(keepalive = false): Promise<void> {
    await this.call('', { method: 'DELETE', keepalive });
  }

  // Streams NDJSON build events; aborting the signal cancels the build (the
  // server drops the engine connection, which stops the classic builder).
  async build(req: BuildRequest, onEvent: (e: BuildEvent) => void, signal?: AbortSignal): Promise<void> {
    const res = await this.call('/builds', { method: 'POST', body: JSON.stringify(req), signal });
    await readLines(res, BuildEvent, onEvent);
  }

  // `docker logs -f`: the container's output until it ends or the signal aborts.
  async followLogs(id: string, onEvent: (e: ContainerLogEvent) => void, signal: AbortSignal): Promise<void> {
    const res = await this.call(`/containers/${encodeURIComponent(id)}/logs?follow=1`, { signal });
    await readLines(res, ContainerLogEvent, onEvent);
  }

  async image(ref: string) {
    const res = await this.call(`/images/${encodeURIComponent(ref)}`);
    return ImageDetail.parse(await res.json());
  }

  // By image id only: an id names fixed content, so each layer's answer is
  // kept for the client's life (a failed read is tried again next time).
  layerFiles(imageId: string, index: number): Promise<LayerFile[]> {
    const key = `${imageId}:${index}`;
    let p = this.layerFilesKept.get(key);
    if (!p) {
      p = this.readLayerFiles(imageId, index);
      p.catch(() => this.layerFilesKept.delete(key));
      this.layerFilesKept.set(key, p);
    }
    return p;
  }

  private async readLayerFiles(ref: string, index: number): Promise<LayerFile[]> {
    const res = await this.call(`/images/${encodeURIComponent(ref)}/layers/${index}/files`);
    const body = LayerFilesAnswer.parse(await res.json());
    const list = Array.isArray(body) ? body : body.files;
    return list.flatMap((f: Record<string, unknown>) => {
      const kind = f.kind === 'D' || f.kind === 'deleted' ? 'D' : f.kind === 'C' || f.kind === 'changed' ? 'C' : 'A';
      if (typeof f.path !== 'string') return [];
      const size = typeof f.sizeBytes === 'number' ? f.sizeBytes : typeof f.size === 'number' ? f.size : undefined;
      return [{ path: f.path, kind, sizeBytes: size } as LayerFile];
    });
  }

  // The answer is the container as the engine reports it (at least its id).
  async createContainer(req: CreateContainerRequest): Promise<{ id: string; container: Container | null }> {
    const res = await this.call('/containers', { method: 'POST', body: JSON.stringify(req) });
    const body: unknown = await res.json();
    const { id } = z.object({ id: z.string() }).passthrough().parse(body);
    const full = Container.safeParse(body);
    return { id, container: full.success ? full.data : null };
  }
  async containerAction(id: string, action: 'start' | 'stop' | 'kill'): Promise<Container | null> {
    const res = await this.call(`/containers/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: '{}' });
    const body: unknown = await res.json().catch(() => null);
    const full = Container.safeParse(body);
    return full.success ? full.data : null;
  }
  async removeContainer(id: string): Promise<void> {
    await this.call(`/containers/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }
  async diff(id: string): Promise<DiffEntry[]> {
    const res = await this.call(`/containers/${encodeURIComponent(id)}/diff`);
    return z.array(z.object({ path: z.string(), kind: z.enum(['A', 'C', 'D']) })).parse(await res.json());
  }
  async exec(id: string, cmd: string[]): Promise<{ exitCode: number; output: string }> {
    const res = await this.call(`/containers/${encodeURIComponent(id)}/exec`, { method: 'POST', body: JSON.stringify({ cmd }) });
    return z.object({ exitCode: z.number(), output: z.string() }).passthrough().parse(await res.json());
  }
  async commit(id: string, tag?: string): Promise<{ imageId: string }> {
    const res = await this.call(`/containers/${encodeURIComponent(id)}/commit`, { method: 'POST', body: JSON.stringify(tag ? { tag } : {}) });
    return z.object({ imageId: z.string() }).passthrough().parse(await res.json());
  }
}

// NDJSON answers (builds, logs): one parsed event per line; lines that do not
// match the schema are skipped, as a newer server may send more kinds.
async function readLines<T>(res: Response, schema: z.ZodType<T>, onEvent: (e: T) => void): Promise<void> {
  if (!res.body) throw new SandboxError('stream', 'The answer had no body.', res.status);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buf = '';
  const emit = (line: string) => {
    if (!line.trim()) return;
    let json: unknown;
    try { json = JSON.parse(line); } catch { return; }
    const ev = schema.safeParse(json);
    if (ev.success) onEvent(ev.data);
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += value;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) { emit(buf.slice(0, nl)); buf = buf.slice(nl + 1); }
  }
  emit(buf);
}

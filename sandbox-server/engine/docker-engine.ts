// The Engine interface over dockerode, speaking Engine API 1.41.
import Dockerode from 'dockerode';
import { PassThrough, Readable } from 'node:stream';
import type { RegistryAuth } from '../registry/registry-client';
import type { ChangeEntry, Engine, ExecResult, HistoryEntry, LogChunk, Terminal } from './engine';
import { isSessionFilter, matchesLabelFilters, ownedDetails, ownedSummary } from './name-owner';

export class DockerEngine implements Engine {
  private readonly docker: Dockerode;
  constructor(socketPath: string) { this.docker = new Dockerode({ socketPath }); }

  async info() {
    const info = await this.docker.info();
    return { version: String(info.ServerVersion), runtime: String(info.DefaultRuntime), kernelVersion: String(info.KernelVersion) };
  }

  async storage() {
    const info = await this.docker.info();
    const status = (info.DriverStatus ?? []) as [string, string][];
    return { dataRoot: String(info.DockerRootDir), filesystem: status.find(([k]) => k === 'Backing Filesystem')?.[1] ?? 'unknown' };
  }

  listContainers(labels: string[], all = true, withSize = false) {
    return this.docker.listContainers({ all, size: withSize, filters: { label: labels } });
  }
  inspectContainer(id: string) { return this.docker.getContainer(id).inspect(); }
  // dockerode passes options through as the query; its types omit size.
  async containerSize(id: string) { return ((await this.docker.getContainer(id).inspect({ size: true } as Dockerode.ContainerInspectOptions)) as { SizeRw?: number }).SizeRw ?? 0; }
  async createContainer(spec: Dockerode.ContainerCreateOptions) { return (await this.docker.createContainer(spec)).id; }
  async startContainer(id: string) { await this.docker.getContainer(id).start(); }
  async stopContainer(id: string, t: number) { await this.docker.getContainer(id).stop({ t }); }
  async killContainer(id: string) { await this.docker.getContainer(id).kill(); }
  async removeContainer(id: string) { await this.docker.getContainer(id).remove({ force: true, v: true }); }
  async containerDiff(id: string) {
    // An unchanged layer comes back as a JSON null, which dockerode hands over raw.
    const r: unknown = await this.docker.getContainer(id).changes();
    if (Array.isArray(r)) return r as ChangeEntry[];
    if (Buffer.isBuffer(r) && r.length > 0) return (JSON.parse(r.toString('utf8')) ?? []) as ChangeEntry[];
    return [];
  }

  async exec(id: string, cmd: string[], limits: { timeoutMs: number; maxBytes: number }): Promise<ExecResult> {
    // The Engine API cannot kill an exec, and under this gVisor build a
    // SIGKILL inside a pids-limited container (from a second exec, or from
    // `timeout`) tears down the whole sandbox. So at the deadline the server
    // stops waiting and answers; the command runs on within the container's
    // limits (memory, CPU, pids) until it ends or the container is stopped.
    const exec = await this.docker.getContainer(id).exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
    const stream = await exec.start({ hijack: true, stdin: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => {
      const room = limits.maxBytes - size;
      if (chunk.length > room) truncated = true;
      if (room > 0) { chunks.push(chunk.subarray(0, room)); size += Math.min(room, chunk.length); }
    });
    // stdout and stderr interleaved in arrival order, as a terminal shows them.
    this.docker.modem.demuxStream(stream, sink, sink);
    const timedOut = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => { stream.destroy(); resolve(true); }, limits.timeoutMs);
      const done = () => { clearTimeout(timer); resolve(false); };
      stream.on('end', done);
      stream.on('close', done);
      stream.on('error', done);
    });
    const output = Buffer.concat(chunks).toString('utf8');
    const exitCode = timedOut ? null : (await exec.inspect()).ExitCode ?? null;
    return { exitCode, output, truncated, timedOut };
  }

  async *containerLogs(id: string, o: { follow: boolean; since?: number }, signal: AbortSignal): AsyncIterable<LogChunk> {
    const container = this.docker.getContainer(id);
    const tty = Boolean((await container.inspect()).Config.Tty);
    const answer: unknown = await container.logs({ follow: o.follow as true, stdout: true, stderr: true, since: o.since ?? 0, abortSignal: signal } as Dockerode.ContainerLogsOptions & { follow: true });
    // Without follow, dockerode hands over the whole log as one buffer.
    const raw = Buffer.isBuffer(answer) ? Readable.from([answer]) : answer as Readable;
    // A TTY has one stream; without one the engine frames stdout and stderr apart.
    const out = new PassThrough({ objectMode: true });
    // Decoded as UTF-8 per stream, so a character split between frames stays whole.
    const forward = (stream: LogChunk['stream']) => new PassThrough().setEncoding('utf8').on('data', (text: string) => out.write({ stream, text }));
    if (tty) raw.setEncoding('utf8').on('data', (text: string) => out.write({ stream: 'stdout', text }));
    else this.docker.modem.demuxStream(raw, forward('stdout'), forward('stderr'));
    raw.once('end', () => out.end());
    raw.once('close', () => out.end());
    raw.once('error', (err) => out.destroy(err));
    signal.addEventListener('abort', () => { raw.destroy(); out.end(); }, { once: true });
    for await (const chunk of out) yield chunk as LogChunk;
  }

  async openTerminal(id: string, cmd: string[], size: { cols: number; rows: number }): Promise<Terminal> {
    const exec = await this.docker.getContainer(id).exec({
      Cmd: cmd, AttachStdin: true, AttachStdout: true, AttachStderr: true, Tty: true,
      Env: ['TERM=xterm-256color'],
    });
    const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
    await exec.resize({ h: size.rows, w: size.cols }).catch(() => undefined);
    return {
      stream,
      resize: async (cols, rows) => { await exec.resize({ h: rows, w: cols }); },
      exitCode: async () => (await exec.inspect()).ExitCode ?? null,
    };
  }

  async commit(id: string, o: { repo?: string; tag?: string; labels: Record<string, string>; comment?: string; changes?: string[] }) {
    const details = await this.inspectContainer(id);
    // POST /commit takes the new image's config as its body: keep the
    // container's config and add our labels to it.
    const config = { ...details.Config, Labels: { ...(details.Config.Labels ?? {}), ...o.labels } };
    // Changes go as repeated `changes` keys, as the docker CLI sends them.
    const query = { container: details.Id, repo: o.repo, tag: o.tag, comment: o.comment, pause: true, ...(o.changes?.length ? { changes: o.changes } : {}) };
    const res = (await this.docker.getContainer(id).commit({ _query: query, _body: config })) as { Id: string };
    return res.Id;
  }

  // The session filter is answered here, on labels that include owners by
  // name (name-owner.ts); the engine takes the rest.
  listImages(labels: string[]) { return this.images(labels, {}); }
  listDanglingImages(labels: string[]) { return this.images(labels, { dangling: ['true'] }); }
  async inspectImage(ref: string) { return ownedDetails(await this.docker.getImage(ref).inspect()); }

  private async images(labels: string[], more: Record<string, string[]>) {
    const ours = labels.filter(isSessionFilter);
    const list = (await this.docker.listImages({ filters: { label: labels.filter((l) => !isSessionFilter(l)), ...more } })).map(ownedSummary);
    return ours.length ? list.filter((i) => matchesLabelFilters(i.Labels, ours)) : list;
  }
  async imageHistory(ref: string) { return (await this.docker.getImage(ref).history()) as HistoryEntry[]; }
  async removeImage(ref: string) { await this.docker.getImage(ref).remove({ noprune: false }); }
  async tagImage(ref: string, repo: string, tag: string) { await this.docker.getImage(ref).tag({ repo, tag }); }
  async exportImage(ref: string) { return (await this.docker.getImage(ref).get()) as unknown as Readable; }

  async build(context: Readable | Buffer, query: Record<string, unknown>, signal: AbortSignal) {
    return (await this.docker.buildImage(context as unknown as NodeJS.ReadableStream, { ...query, abortSignal: signal } as Dockerode.ImageBuildOptions)) as unknown as Readable;
  }

  async events(filters: Record<string, string[]>, signal: AbortSignal) {
    return (await this.docker.getEvents({ filters, abortSignal: signal } as Dockerode.GetEventsOptions)) as unknown as Readable;
  }

  async inspectNetwork(name: string) {
    const n = await this.docker.getNetwork(name).inspect();
    return { Name: String(n.Name), Driver: String(n.Driver), Options: (n.Options ?? {}) as Record<string, string> };
  }

  async pushImage(name: string, tag: string, signal: AbortSignal, auth?: RegistryAuth) {
    return (await this.docker.getImage(name).push({ tag, authconfig: auth ?? {}, abortSignal: signal } as Dockerode.ImagePushOptions)) as unknown as Readable;
  }

  async pullImage(name: string, tag: string, signal: AbortSignal, auth?: RegistryAuth) {
    return (await this.docker.pull(`${name}:${tag}`, { authconfig: auth ?? {}, abortSignal: signal })) as unknown as Readable;
  }
}

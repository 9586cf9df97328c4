// The narrow view of the Docker Engine the sandbox uses. Everything that
// talks to dockerd goes through this interface, so the rules about what a
// session may do live elsewhere and the adapter stays thin.
import type { Readable, Duplex } from 'node:stream';
import type Dockerode from 'dockerode';
import type { RegistryAuth } from '../registry/registry-client';

export type ContainerSummary = Dockerode.ContainerInfo;
export type ContainerDetails = Dockerode.ContainerInspectInfo;
export type ImageSummary = Dockerode.ImageInfo;
export type ImageDetails = Dockerode.ImageInspectInfo;
export interface HistoryEntry { Id: string; Created: number; CreatedBy: string; Tags: string[] | null; Size: number; Comment: string }
export interface ChangeEntry { Path: string; Kind: 0 | 1 | 2 }

export interface ExecResult { exitCode: number | null; output: string; truncated: boolean; timedOut: boolean }
export interface Terminal {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
}

/** One piece of a container's output, as `docker logs` tells stdout and stderr apart. */
export interface LogChunk { stream: 'stdout' | 'stderr'; text: string }

export interface Engine {
  info(): Promise<{ version: string; runtime: string; kernelVersion?: string }>;
  /** Where the engine keeps images and containers, and the filesystem under overlay2. */
  storage(): Promise<{ dataRoot: string; filesystem: string }>;
  listContainers(labels: string[], all?: boolean, withSize?: boolean): Promise<ContainerSummary[]>;
  inspectContainer(id: string): Promise<ContainerDetails>;
  /** The container's writable layer in bytes (files' apparent sizes, as `docker ps -s`). */
  containerSize(id: string): Promise<number>;
  createContainer(spec: Dockerode.ContainerCreateOptions): Promise<string>;
  startContainer(id: string): Promise<void>;
  stopContainer(id: string, timeoutSeconds: number): Promise<void>;
  killContainer(id: string): Promise<void>;
  removeContainer(id: string): Promise<void>;
  containerDiff(id: string): Promise<ChangeEntry[]>;
  exec(id: string, cmd: string[], limits: { timeoutMs: number; maxBytes: number }): Promise<ExecResult>;
  /** The container's log (what `docker logs [-f] [--since]` shows), chunks in order; ends with the container when following. */
  containerLogs(id: string, options: { follow: boolean; since?: number }, signal: AbortSignal): AsyncIterable<LogChunk>;
  openTerminal(id: string, cmd: string[], size: { cols: number; rows: number }): Promise<Terminal>;
  commit(id: string, options: { repo?: string; tag?: string; labels: Record<string, string>; comment?: string; changes?: string[] }): Promise<string>;
  listImages(labels: string[]): Promise<ImageSummary[]>;
  // Untagged images no other image builds on.
  listDanglingImages(labels: string[]): Promise<ImageSummary[]>;
  inspectImage(ref: string): Promise<ImageDetails>;
  imageHistory(ref: string): Promise<HistoryEntry[]>;
  removeImage(ref: string): Promise<void>;
  tagImage(ref: string, repo: string, tag: string): Promise<void>;
  exportImage(ref: string): Promise<Readable>;
  build(context: Readable | Buffer, query: Record<string, unknown>, signal: AbortSignal): Promise<Readable>;
  /** Says, before it ends, that a build's stream changed nothing a listing shows (coalescing-engine.ts). */
  markUnchanged?(stream: Readable): void;
  events(filters: Record<string, string[]>, signal: AbortSignal): Promise<Readable>;
  inspectNetwork(name: string): Promise<{ Name: string; Driver: string; Options: Record<string, string> }>;
  // Lesson registry (push/pull): the engine's progress stream, JSON lines.
  pushImage(name: string, tag: string, signal: AbortSignal, auth?: RegistryAuth): Promise<Readable>;
  pullImage(name: string, tag: string, signal: AbortSignal, auth?: RegistryAuth): Promise<Readable>;
}

// The contract between the sandbox server, the browser, lessons' checks and
// tests. Pure: zod schemas only, no I/O. Every message that crosses a wire is
// described here once and validated on both sides.
import { z } from 'zod';
import { clientEvent } from './socket-calls/check';

// ---- Build events (DESIGN §4): one JSON object per NDJSON line -------------
export const BuildStepEvent = z.object({
  type: z.literal('step'),
  index: z.number().int().min(1),
  total: z.number().int().min(1),
  instruction: z.string(),
  line: z.number().int().min(1),
  // Extensions: the full line range and stage of the instruction.
  endLine: z.number().int().min(1).optional(),
  stage: z.number().int().min(0).optional(),
});
export const BuildContainerEvent = z.object({
  type: z.literal('container'),
  index: z.number().int().min(1),
  containerId: z.string(),
});
export const BuildOutputEvent = z.object({
  type: z.literal('output'),
  index: z.number().int().min(0),
  text: z.string(),
  // Extension: the step wrote this to stderr (the builder's red colouring is
  // taken off the text and reported here instead).
  stderr: z.boolean().optional(),
  // Extension: a line of the server's own, not the engine's (index 0):
  // 'queued' when the host's build slots are all busy, 'started' when the
  // build leaves the queue.
  status: z.enum(['queued', 'started']).optional(),
});
export const BuildLayerEvent = z.object({
  type: z.literal('layer'),
  index: z.number().int().min(1),
  imageId: z.string(),
  cached: z.boolean(),
});
export const BuildDoneEvent = z.object({
  type: z.literal('done'),
  imageId: z.string(),
  tag: z.string().nullable(),
});
export const BuildErrorEvent = z.object({
  type: z.literal('error'),
  message: z.string(),
  index: z.number().int().min(1).optional(),
  line: z.number().int().min(1).optional(),
  // Extension: a machine-readable reason, e.g. 'timeout', 'cancelled', 'policy'.
  code: z.string().optional(),
  // Extension: the exit code of a failed RUN, as the engine reports it.
  exitCode: z.number().int().optional(),
});
export const BuildEvent = z.discriminatedUnion('type', [
  BuildStepEvent, BuildContainerEvent, BuildOutputEvent, BuildLayerEvent, BuildDoneEvent, BuildErrorEvent,
]);
export type BuildEvent = z.infer<typeof BuildEvent>;
export type BuildStepEvent = z.infer<typeof BuildStepEvent>;
export type BuildLayerEvent = z.infer<typeof BuildLayerEvent>;
export type BuildErrorEvent = z.infer<typeof BuildErrorEvent>;

// ---- Requests ---------------------------------------------------------------
// A context file is UTF-8 text, or binary sent as base64 (e.g. a tar.gz for ADD).
export const ContextFile = z.union([z.string(), z.object({ base64: z.string() }).strict()]);
export const BuildRequest = z.object({
  dockerfile: z.string(),
  files: z.record(z.string(), ContextFile).optional(),
  tag: z.string().optional(),
  noCache: z.boolean().optional(),
  // A class starter the server built (POST /v1/starters): its steps may be
  // reused as cache, as on an engine where the starter was built before.
  starter: z.string().regex(/^[0-9a-f]{16}$/, 'must be the key POST /v1/starters answered').optional(),
  // `--build-arg NAME=value`: read by ARG, before FROM too (the policy
  // judges the Dockerfile with them, as the engine will expand it).
  buildArgs: z.record(z.string(), z.string()).optional(),
}).strict();
export type BuildRequest = z.infer<typeof BuildRequest>;

export const StarterRequest = z.object({
  dockerfile: z.string(),
  files: z.record(z.string(), ContextFile).optional(),
}).strict();
export type StarterRequest = z.infer<typeof StarterRequest>;

export const CreateContainerRequest = z.object({
  image: z.string().min(1),
  cmd: z.array(z.string()).optional(),
  name: z.string().optional(),
  env: z.array(z.string()).optional(),
  workingDir: z.string().optional(),
  tty: z.boolean().optional(),
  // `docker run -i`: stdin kept open, so a shell as the command waits instead
  // of exiting, while stdout and stderr stay apart in the logs (a TTY merges them).
  interactive: z.boolean().optional(),
}).strict();
export type CreateContainerRequest = z.infer<typeof CreateContainerRequest>;

// GET /v1/sessions/:id/containers/:cid/logs: NDJSON, what `docker logs` shows.
export const ContainerLogEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output'), stream: z.enum(['stdout', 'stderr']), text: z.string() }),
  // Last: the container's state when the log ended, and whether the cap cut it.
  z.object({ type: z.literal('end'), state: z.string(), exitCode: z.number().int().nullable(), oomKilled: z.boolean(), truncated: z.boolean() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type ContainerLogEvent = z.infer<typeof ContainerLogEvent>;

export const ExecRequest = z.object({ cmd: z.array(z.string()).min(1) }).strict();
export const CommitRequest = z.object({
  tag: z.string().optional(),
  // Dockerfile instructions applied to the new image, as `docker commit -c`.
  changes: z.array(z.string().max(4096)).max(10).optional(),
}).strict();
// Push (the image in the path, to this name) and pull: a name in the lesson
// registry, `localhost:5000/lab/hello:1` or just `lab/hello:1`.
export const RegistryRefRequest = z.object({ ref: z.string().min(1).max(255) }).strict();
export const PushResult = z.object({ ref: z.string(), digest: z.string(), imageId: z.string() });
export const PullResult = z.object({ ref: z.string(), imageId: z.string() });

// ---- The world: what a session owns, as the engine reports it --------------
export const DiffKind = z.enum(['A', 'C', 'D']);
export const DiffEntry = z.object({ path: z.string(), kind: DiffKind });
export type DiffEntry = z.infer<typeof DiffEntry>;

export const Layer = z.object({
  id: z.string(),            // image id of this history entry, or '<missing>'
  createdBy: z.string(),     // as docker history prints it
  sizeBytes: z.number(),
  line: z.number().int().optional(),     // Dockerfile line, when built from this session's Dockerfile
  instruction: z.string().optional(),    // e.g. 'RUN', 'COPY', 'ENV'
  empty: z.boolean(),        // metadata-only: adds no files
});
export type Layer = z.infer<typeof Layer>;

export const Image = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  sizeBytes: z.number(),
  parentId: z.string().optional(),
  catalog: z.boolean(),      // a shared base image, not the session's own
  layers: z.array(Layer).optional(), // base first; filled when known
  committedFrom: z.string().optional(), // container id, for images made by commit
});
export type Image = z.infer<typeof Image>;

export const ContainerState = z.enum(['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead']);
export type ContainerState = z.infer<typeof ContainerState>;
export const Container = z.object({
  id: z.string(),
  name: z.string().optional(),
  image: z.string(),         // the reference the learner used
  imageId: z.string(),
  state: ContainerState,
  createdAt: z.string(),
  cmd: z.array(z.string()),  // PID 1's command
  exitCode: z.number().int().optional(),
  oomKilled: z.boolean().optional(),
  // Extension: why the server stopped it (e.g. the session's disk cap).
  stopReason: z.string().optional(),
  diff: z.array(DiffEntry).optional(),
});
export type Container = z.infer<typeof Container>;

export const WorldSnapshot = z.object({
  sessionId: z.string(),
  images: z.array(Image),
  containers: z.array(Container),
  at: z.string(),
});
export type WorldSnapshot = z.infer<typeof WorldSnapshot>;

// Incremental changes, derived by the server from the engine's event stream.
export const WorldUpdate = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), snapshot: WorldSnapshot }),
  z.object({ type: z.literal('container'), container: Container }),
  z.object({ type: z.literal('container-removed'), id: z.string() }),
  z.object({ type: z.literal('diff'), containerId: z.string(), diff: z.array(DiffEntry) }),
  z.object({ type: z.literal('image'), image: Image }),
  z.object({ type: z.literal('image-removed'), id: z.string() }),
  // Extension: a push or pull the learner asked for, as it ended (not from
  // the engine's events: those do not say whose it was).
  z.object({
    type: z.literal('registry'), action: z.enum(['push', 'pull']), ref: z.string(),
    imageId: z.string().optional(), digest: z.string().optional(), ok: z.boolean(),
  }),
]);
export type WorldUpdate = z.infer<typeof WorldUpdate>;

// ---- Socket.io event names (one catalog) -----------------------------------
export const SocketEvents = {
  // server → client
  world: 'world',                 // WorldUpdate
  build: 'build',                 // { buildId, event: BuildEvent }
  terminalData: 'terminal:data',  // { terminalId, data }
  terminalExit: 'terminal:exit',  // { terminalId, exitCode }
  // client → server
  snapshotRequest: 'snapshot:request',
  buildStart: 'build:start',      // BuildRequest, ack { buildId } | { error }
  buildCancel: 'build:cancel',    // { buildId }
  terminalOpen: 'terminal:open',  // { containerId, cols, rows, cmd? }, ack { terminalId } | { error }
  terminalInput: 'terminal:input',// { terminalId, data }
  terminalResize: 'terminal:resize', // { terminalId, cols, rows }
  terminalClose: 'terminal:close',   // { terminalId }
} as const;

export const BuildEnvelope = z.object({ buildId: z.string(), event: BuildEvent });
export type BuildEnvelope = z.infer<typeof BuildEnvelope>;

// ---- Errors -----------------------------------------------------------------
// A refusal by a named limit also says which (lib/rate-limits/table.ts) and when to come back.
export const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string(), limit: z.string().optional(), retryAfterSeconds: z.number().optional() }) });
export type ApiError = z.infer<typeof ApiError>;

export const Session = z.object({ id: z.string(), token: z.string(), expiresAt: z.string() });
export type Session = z.infer<typeof Session>;

// ---- Client → server events: the one table the socket serves -----------------
// Every event a page may send, with its body's schema and size cap; the
// server checks each call against it before a handler runs (lib/socket-calls).
export const TERMINAL_INPUT_MAX = 64 * 1024;   // characters in one terminal:input
const TerminalId = z.string().regex(/^[0-9a-f]{12}$/, 'must be the terminalId terminal:open answered');
const TerminalSize = { cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) };
export const TerminalOpenRequest = z.object({
  containerId: z.string().min(1).max(128),
  cols: TerminalSize.cols.default(80),
  rows: TerminalSize.rows.default(24),
  cmd: z.array(z.string().max(4096)).min(1).max(64).optional(),
}).strict();
export const TerminalInput = z.object({ terminalId: TerminalId, data: z.string().max(TERMINAL_INPUT_MAX) }).strict();
export const TerminalResize = z.object({ terminalId: TerminalId, ...TerminalSize }).strict();
export const TerminalRef = z.object({ terminalId: TerminalId }).strict();
export const BuildCancel = z.object({ buildId: z.string().min(1).max(64) }).strict();

/** `buildBytes`: the largest build request (its context), from the server's settings. */
export function sandboxClientEvents(o: { buildBytes: number }) {
  return {
    [SocketEvents.snapshotRequest]: clientEvent(z.object({}).strict().optional(), 256),
    [SocketEvents.buildStart]: clientEvent(BuildRequest, o.buildBytes, z.union([z.object({ buildId: z.string() }), ApiError])),
    [SocketEvents.buildCancel]: clientEvent(BuildCancel, 256, z.object({ ok: z.boolean() })),
    [SocketEvents.terminalOpen]: clientEvent(TerminalOpenRequest, 64 * 1024, z.union([z.object({ terminalId: z.string() }), ApiError])),
    [SocketEvents.terminalInput]: clientEvent(TerminalInput, TERMINAL_INPUT_MAX + 256, z.union([z.object({ ok: z.literal(true) }), ApiError])),
    [SocketEvents.terminalResize]: clientEvent(TerminalResize, 256, z.union([z.object({ ok: z.boolean() }), ApiError])),
    [SocketEvents.terminalClose]: clientEvent(TerminalRef, 256),
  };
}
export type SandboxClientEvents = ReturnType<typeof sandboxClientEvents>;

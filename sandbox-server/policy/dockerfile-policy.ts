// What a learner's Dockerfile may ask of the engine, decided on the one
// interpretation of it (lib/dockerfile/interpretation.ts), never on its text:
// - every image it reads (FROM, COPY --from, and those of the ONBUILD
//   triggers of its bases) is resolved here, in the session's namespace, to
//   a full image id or an earlier stage; the engine never resolves a name or
//   an id prefix a learner wrote;
// - no source the daemon would fetch itself (ADD of a URL or a git remote),
//   after expansion;
// - no label in the server's own namespace, which the server's records and
//   its recovery read.
// Pure: the namespace comes in as data (build-policy.ts reads it).
import { interpretCommitChanges } from '../../lib/dockerfile/commit-changes';
import type { ImageReference, Interpretation } from '../../lib/dockerfile/interpretation';

/** The images one session may name, by what it may call them. */
export interface Namespace {
  /** Catalog tags (`busybox:latest`) → full image id. */
  catalog: ReadonlyMap<string, string>;
  /** The session's own images: every learner name (`myapp:1`, `localhost:5000/lab/x:1`) → full id. */
  ownNames: ReadonlyMap<string, string>;
  /** Full ids (`sha256:…`) of the session's own images. */
  ownIds: readonly string[];
}

export type Resolution =
  | { kind: 'image'; id: string }
  | { kind: 'stage' }
  | { kind: 'scratch' }
  | { kind: 'refused'; message: string };

export type PolicyVerdict =
  | { ok: true; ids: Map<ImageReference, string> }
  | { ok: false; line: number; message: string };

const HEX = /^(?:sha256:)?([0-9a-f]{1,64})$/;
const withTag = (ref: string): string => (ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`);

// Docker Hub's long spellings of a catalog name (`docker.io/library/busybox`)
// are the same image to the engine.
const shortName = (ref: string): string => ref.replace(/^(?:docker\.io\/|index\.docker\.io\/|registry-1\.docker\.io\/)?(?:library\/)?/, '');

/** What may be used instead, for a refusal's message. */
export function choicesText(ns: Namespace, copyFrom: boolean): string {
  const catalog = [...ns.catalog.keys()].sort().join(', ');
  const stages = copyFrom ? 'an earlier stage by name or number' : 'an earlier stage by name';
  return `You may use a catalog image (${catalog || 'none on this host'}), scratch, an image of your own (by its name or its id), or ${stages}.`;
}

// One id, or a prefix that names exactly one id of the list.
function byId(hex: string, ids: readonly string[]): string | undefined | 'ambiguous' {
  const full = ids.filter((id) => id.replace(/^sha256:/, '').startsWith(hex));
  if (full.length > 1 && new Set(full).size > 1) return 'ambiguous';
  return full[0];
}

/**
 * Resolves one reference, as the builder would meet it at this point of the
 * build: `stagesBefore` are the names (lower-cased) and the number of the
 * stages that end before it.
 */
export function resolveReference(ref: ImageReference, ns: Namespace, stagesBefore: { names: ReadonlySet<string>; count: number }): Resolution {
  const name = ref.expanded;
  const what = ref.kind === 'from' ? 'Base image' : 'Image in --from';
  if (!name) return { kind: 'refused', message: `${what} is empty after expansion ("${ref.written}"). ${choicesText(ns, ref.kind === 'copy-from')}` };
  // The engine matches stage names without regard to case (checked on 20.10:
  // `FROM BUILD` after `AS build` is that stage); FROM does not take a
  // stage's number (`FROM 0` is an image named 0), COPY --from does.
  const stage = stagesBefore.names.has(name.toLowerCase()) || (ref.kind === 'copy-from' && /^\d+$/.test(name) && Number(name) < stagesBefore.count);
  // The interpretation says the same where it says anything; if the two
  // readings ever differ, the engine's choice is unknown: refuse.
  if (ref.stageRef !== undefined || stage) {
    return ref.stageRef !== undefined && stage ? { kind: 'stage' }
      : { kind: 'refused', message: `${what} "${name}" cannot be told apart from a stage here: give the stage another name.` };
  }
  if (name === 'scratch' && ref.kind === 'from') return { kind: 'scratch' };

  const own = ns.ownNames.get(withTag(name));
  if (own) return { kind: 'image', id: own };
  const hex = HEX.exec(name)?.[1];
  if (hex) {
    // Ids only among the session's own images and the catalog's.
    const mine = byId(hex, ns.ownIds);
    const catalog = byId(hex, [...ns.catalog.values()]);
    if (mine === 'ambiguous' || catalog === 'ambiguous' || (mine && catalog && mine !== catalog)) {
      return { kind: 'refused', message: `${what} "${name}" is the start of more than one image id: write more of it.` };
    }
    if (mine ?? catalog) return { kind: 'image', id: (mine ?? catalog)! };
  }
  const catalog = ns.catalog.get(withTag(shortName(name)));
  if (catalog && !name.includes('@')) return { kind: 'image', id: catalog };
  const expandedNote = ref.written !== name ? ` ("${ref.written}" expands to "${name}")` : '';
  return { kind: 'refused', message: `${what} "${name}"${expandedNote} is not available in this session (no registry can be reached, and other sessions' images are theirs). ${choicesText(ns, ref.kind === 'copy-from')}` };
}

// A source the daemon fetches itself, outside any network policy: moby's
// builder treats http:// and https:// ADD sources as downloads, and git
// remotes (git://, git@, github.com/…) as repositories elsewhere. Anything
// with a scheme is refused, whatever the engine version would do with it,
// so a future engine that learns a new scheme does not open a hole.
const REMOTE = [/^[a-z][a-z0-9+.-]*:\/\//i, /^[^/\s]*@[^/\s]+:/, /^git@/i, /^github\.com\//i, /:\/\//];
export function isRemoteSource(source: string): boolean {
  const s = source.trim();
  return REMOTE.some((re) => re.test(s));
}

/** The server's own label namespace: records, recovery and the reaper read it. */
export const RESERVED_LABEL_PREFIX = 'org.layerlab';
export function isReservedLabel(key: string): boolean {
  const k = key.trim().toLowerCase();
  return k === RESERVED_LABEL_PREFIX || k.startsWith(`${RESERVED_LABEL_PREFIX}.`);
}
export const reservedLabelMessage = (key: string): string =>
  `The label "${key}" is in the sandbox's own namespace (${RESERVED_LABEL_PREFIX}.*), which only the sandbox may set. Choose another label name, e.g. com.example.${key.replace(/^org\.layerlab\.?/i, '') || 'name'}.`;

const BUILD_ARG_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_BUILD_ARGS = 64;
const MAX_BUILD_ARG_BYTES = 4096;

/** Build args (`--build-arg`): plain names, bounded, and none that carries the server's label namespace. */
export function checkBuildArgs(args: Record<string, string> | undefined): string | undefined {
  const entries = Object.entries(args ?? {});
  if (entries.length > MAX_BUILD_ARGS) return `At most ${MAX_BUILD_ARGS} build arguments are accepted (${entries.length} were sent).`;
  for (const [name, value] of entries) {
    if (!BUILD_ARG_NAME.test(name)) return `"${name}" is not a build argument name (letters, digits and _, not starting with a digit).`;
    if (Buffer.byteLength(value, 'utf8') > MAX_BUILD_ARG_BYTES) return `The build argument ${name} is longer than ${MAX_BUILD_ARG_BYTES} bytes.`;
    if (/org\.layerlab(\.|\b)/i.test(value)) return `The build argument ${name} names the sandbox's own label namespace (${RESERVED_LABEL_PREFIX}.*), which only the sandbox may set.`;
  }
  return undefined;
}

/**
 * Judges an interpretation: the first refusal in line order, or the full id
 * each image reference becomes. `fromTriggers` tells the references that
 * come from a base image's ONBUILD triggers: they are not in the learner's
 * text, so they cannot be rewritten to ids and may only name stages.
 */
export function judge(interpretation: Interpretation, ns: Namespace, fromTriggers: (ref: ImageReference) => boolean = () => false): PolicyVerdict {
  const problems: { line: number; message: string }[] = interpretation.refusals.map((r) => ({ line: r.line, message: r.message }));
  for (const s of interpretation.addSources) {
    if (s.remote || isRemoteSource(s.expanded)) {
      const shown = s.expanded === s.written ? `"${s.expanded}"` : `"${s.written}" (which expands to "${s.expanded}")`;
      problems.push({ line: s.line, message: `ADD from a URL or a git remote is refused: ${shown}. The engine would fetch it itself, outside the sandbox's network rules. Send the file with the build instead.` });
    }
  }
  for (const l of interpretation.labelKeys) if (isReservedLabel(l.key)) problems.push({ line: l.line, message: reservedLabelMessage(l.key) });

  const ids = new Map<ImageReference, string>();
  // Stages end in order; a reference sees the stages before its own.
  const stageNames: string[][] = [];
  for (const ref of interpretation.imageRefs) {
    if (ref.kind === 'from') {
      const before = new Set(stageNames.slice(0, ref.stage).flat());
      const r = resolveReference(ref, ns, { names: before, count: ref.stage });
      if (r.kind === 'refused') problems.push({ line: ref.line, message: r.message });
      else if (r.kind === 'image') ids.set(ref, r.id);
      stageNames[ref.stage] = ref.stageName ? [ref.stageName.toLowerCase()] : [];
      continue;
    }
    const before = new Set(stageNames.slice(0, ref.stage).flat());
    const r = resolveReference(ref, ns, { names: before, count: ref.stage });
    if (fromTriggers(ref) && r.kind !== 'stage' && r.kind !== 'refused') {
      problems.push({ line: ref.line, message: `An ONBUILD trigger of this base image copies from the image "${ref.expanded}": triggers may copy only from earlier stages here.` });
    } else if (r.kind === 'refused') problems.push({ line: ref.line, message: fromTriggers(ref) ? `An ONBUILD trigger of this base image: ${r.message}` : r.message });
    else if (r.kind === 'image') ids.set(ref, r.id);
  }
  if (problems.length) {
    const first = problems.reduce((a, b) => (b.line < a.line ? b : a));
    return { ok: false, line: first.line, message: first.message };
  }
  return { ok: true, ids };
}

const MAX_CHANGES = 10;

/**
 * Changes on a commit (`docker commit -c`), as the engine reads them with
 * the container's environment: the same rules as a Dockerfile's (no label
 * of the server's namespace, no ONBUILD ADD of a URL), since the engine
 * applies them over the labels the server sets. A refusal names the change.
 */
export function checkCommitChanges(changes: readonly string[] | undefined, env: readonly string[]): string | undefined {
  if (!changes?.length) return undefined;
  if (changes.length > MAX_CHANGES) return `At most ${MAX_CHANGES} changes are accepted on a commit (${changes.length} were sent).`;
  const verdict = judge(interpretCommitChanges([...changes], [...env]), { catalog: new Map(), ownNames: new Map(), ownIds: [] });
  if (verdict.ok) return undefined;
  // Lines of the joined text: the change that holds the line.
  let line = 0;
  const index = changes.findIndex((c) => (line += c.split('\n').length) >= verdict.line);
  return `Change ${index + 1} ("${changes[Math.max(0, index)]}"): ${verdict.message}`;
}

// How learners' names become engine names that cannot collide between
// sessions, and back. Pure; the one place that knows the scheme (the planned
// session-scoped Engine API endpoint reuses it).
const SESSION_ID = /^[a-z0-9]{12}$/;
// A learner's repository: lower-case path components, as the engine demands.
const REPO = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const CONTAINER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,62}$/;

export const isSessionId = (id: string): boolean => SESSION_ID.test(id);

export function imagePrefix(sessionId: string): string { return `layerlab/s-${sessionId}/`; }

export interface LearnerRef { repo: string; tag: string }

// `myapp` → {repo: myapp, tag: latest}; undefined when not a plain name:tag
// (digests and registry hosts are not learners' names).
export function parseLearnerRef(ref: string): LearnerRef | undefined {
  if (ref.length > 200 || ref.includes('@')) return undefined;
  const colon = ref.lastIndexOf(':');
  const slash = ref.lastIndexOf('/');
  const [repo, tag] = colon > slash ? [ref.slice(0, colon), ref.slice(colon + 1)] : [ref, 'latest'];
  if (!REPO.test(repo) || !TAG.test(tag)) return undefined;
  return { repo, tag };
}

export function toEngineTag(sessionId: string, ref: string): string | undefined {
  if (ref.startsWith(REGISTRY_PREFIX)) return toRegistryEngineTag(sessionId, ref);
  const parsed = parseLearnerRef(ref);
  if (!parsed || parsed.repo.startsWith('layerlab/')) return undefined;
  return `${imagePrefix(sessionId)}${parsed.repo}:${parsed.tag}`;
}

// The learner's name for an engine tag of this session, or undefined.
export function fromEngineTag(sessionId: string, engineTag: string): string | undefined {
  const prefix = imagePrefix(sessionId);
  if (engineTag.startsWith(prefix)) return engineTag.slice(prefix.length);
  const inRegistry = `${REGISTRY_PREFIX}${registryNamespace(sessionId)}`;
  return engineTag.startsWith(inRegistry) ? REGISTRY_PREFIX + engineTag.slice(inRegistry.length) : undefined;
}

// ---- The lesson registry ------------------------------------------------------
// Learners name the local registry `localhost:5000` (lesson 2 and the set-up
// fix that address), as with the docker CLI: `localhost:5000/lab/hello:1`.
// Inside the registry every session's repositories sit under `s-<session>/`,
// and the engine's tag for that name is the registry name itself, so a push
// or pull needs no extra tag and the name maps back like any other.
export const REGISTRY_HOST = 'localhost:5000';
const REGISTRY_PREFIX = `${REGISTRY_HOST}/`;

export function registryNamespace(sessionId: string): string { return `s-${sessionId}/`; }

export function isRegistryRef(ref: string): boolean { return ref.startsWith(REGISTRY_PREFIX); }

// `localhost:5000/lab/hello:1` or `lab/hello:1` → {repo, tag} inside the
// learner's view of the registry; undefined for any other host or form.
export function parseRegistryRef(ref: string): LearnerRef | undefined {
  const bare = isRegistryRef(ref) ? ref.slice(REGISTRY_PREFIX.length) : ref;
  // A first component with a dot or colon names another registry host.
  const first = bare.split('/')[0];
  if (bare.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')) return undefined;
  return parseLearnerRef(bare);
}

// The learner's canonical name for a registry image (what `docker pull` takes).
export function registryLearnerRef(r: LearnerRef): string { return `${REGISTRY_PREFIX}${r.repo}:${r.tag}`; }

// The repository inside the registry (no host), e.g. `s-<session>/lab/hello`.
export function registryRepo(sessionId: string, r: LearnerRef): string { return `${registryNamespace(sessionId)}${r.repo}`; }

function toRegistryEngineTag(sessionId: string, ref: string): string | undefined {
  const parsed = parseRegistryRef(ref);
  return parsed ? `${REGISTRY_PREFIX}${registryRepo(sessionId, parsed)}:${parsed.tag}` : undefined;
}

// The session that owns a registry repository, from its namespace.
export function sessionOfRegistryRepo(repo: string): string | undefined {
  return /^s-([a-z0-9]{12})\//.exec(repo)?.[1];
}

export function isContainerName(name: string): boolean { return CONTAINER_NAME.test(name); }
export function toEngineContainerName(sessionId: string, name: string): string { return `layerlab-${sessionId}-${name}`; }
export function fromEngineContainerName(sessionId: string, engineName: string): string | undefined {
  const prefix = `layerlab-${sessionId}-`;
  const bare = engineName.replace(/^\//, '');
  return bare.startsWith(prefix) ? bare.slice(prefix.length) : undefined;
}

// Failed and cancelled builds leave untagged step images that carry no
// labels; a tag in this namespace keeps them (as build cache) and names
// their session, so they go when the session goes.
export function buildCacheRepo(sessionId: string): string { return `layerlab/s-${sessionId}-cache/b`; }

// A session's images that have no learner name (a build without a tag, the
// image a rebuild took the tag from): a tag here keeps them the session's,
// and the learner sees them untagged, as `docker images` shows <none>.
export function keepRepo(sessionId: string): string { return `layerlab/s-${sessionId}-keep/i`; }
export const isKeepTag = (tag: string): boolean => /^layerlab\/s-[a-z0-9]{12}-keep\/i:/.test(tag);

// The session an image name belongs to: a learner's name, a kept image or a
// lesson-registry name of the session. Build cache names are not ownership:
// those step images are the session's cache, not its images.
export function sessionOfImageName(name: string): string | undefined {
  const m = /^(?:layerlab\/s-([a-z0-9]{12})(?:-keep)?\/|localhost:5000\/s-([a-z0-9]{12})\/)/.exec(name);
  return m?.[1] ?? m?.[2];
}
export function sessionOfBuildCacheTag(tag: string): string | undefined {
  return /^layerlab\/s-([a-z0-9]{12})-cache\/b:/.exec(tag)?.[1];
}

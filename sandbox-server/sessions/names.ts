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
  const parsed = parseLearnerRef(ref);
  if (!parsed || parsed.repo.startsWith('layerlab/')) return undefined;
  return `${imagePrefix(sessionId)}${parsed.repo}:${parsed.tag}`;
}

// The learner's name for an engine tag of this session, or undefined.
export function fromEngineTag(sessionId: string, engineTag: string): string | undefined {
  const prefix = imagePrefix(sessionId);
  return engineTag.startsWith(prefix) ? engineTag.slice(prefix.length) : undefined;
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
export function sessionOfBuildCacheTag(tag: string): string | undefined {
  return /^layerlab\/s-([a-z0-9]{12})-cache\/b:/.exec(tag)?.[1];
}

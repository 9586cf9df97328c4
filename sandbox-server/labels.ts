// Every label the server puts on engine objects. Ownership, expiry and the
// session's secrets live here, so the server can forget everything and read
// it all back from the engine. Built images are the exception: they are the
// session's by name, and the engine adapter reports that as the session
// label (engine/name-owner.ts).
export const Labels = {
  session: 'org.layerlab.session',
  expires: 'org.layerlab.expires',
  kind: 'org.layerlab.kind',           // marker | container | image (a commit) | record (a built image's Dockerfile)
  tokenHash: 'org.layerlab.token-sha256',
  createdAt: 'org.layerlab.created',
  origin: 'org.layerlab.origin',       // who made the session (product | test): see LAYERLAB_SESSION_ORIGIN
  client: 'org.layerlab.client',       // a hash of the address that made the session, for the per-address cap
  dockerfile: 'org.layerlab.dockerfile', // base64 of the Dockerfile an image was built from
  image: 'org.layerlab.image',           // the image a record is about
  imageRef: 'org.layerlab.image-ref',    // the reference the learner used for a container
  committedFrom: 'org.layerlab.committed-from',
  catalog: 'org.layerlab.catalog',
  starter: 'org.layerlab.starter',      // the key of a class starter the server built (builds/starters.ts)
  // Reported by the engine adapter only, never written to the engine: every
  // session with a name for the image (engine/name-owner.ts). Two sessions
  // can hold one image when both builds met a class starter's cache.
  owners: 'org.layerlab.owners',
} as const;

/** The sessions an image (or object) belongs to, by its real label or its names. */
export function ownersOf(labels: Record<string, string> | null | undefined): string[] {
  if (labels?.[Labels.session]) return [labels[Labels.session]];
  return (labels?.[Labels.owners] ?? '').split(',').filter(Boolean);
}

export function ownedBy(labels: Record<string, string> | null | undefined, sessionId: string): boolean {
  return ownersOf(labels).includes(sessionId);
}

export type ObjectKind = 'marker' | 'container' | 'image' | 'record';

// Intermediate containers of classic builds do not inherit build labels
// (checked on Engine 20.10): they are found by this cgroup parent instead.
export const BUILD_CGROUP_PREFIX = '/layerlab-build/s-';

// A starter's result carries the starter label and is held by the session
// the server built it in; that session's marker records the key
// (`starterOf`, from the session store). The label alone proves nothing: it
// is inherited, and only the policy keeps learners from writing it.
export function isStarterImage(labels: Record<string, string> | null | undefined, key: string, starterOf: (sessionId: string) => string | undefined): boolean {
  return labels?.[Labels.starter] === key && ownersOf(labels).some((s) => starterOf(s) === key);
}

// The catalog label's value is the repository the base image is published
// under (busybox, debian, …). Images built FROM a catalog image inherit the
// label, value and all, so the label alone proves nothing: only names in
// that very repository are catalog names. An image someone built from
// busybox and tagged myapp:1 (the benchmark's CLI side, an operator's
// experiment, an untagged build step) is not in the catalog, and neither is
// a second name given to a catalog image. A session's image never is.
export function catalogTagsOf(labels: Record<string, string> | null | undefined, repoTags: readonly string[] | null | undefined): string[] {
  const repo = labels?.[Labels.catalog];
  if (!repo || ownersOf(labels).length) return [];
  return (repoTags ?? []).filter((t) => repositoryOf(t) === repo && !t.startsWith('layerlab/'));
}

export function isCatalogImage(labels: Record<string, string> | null | undefined, repoTags: readonly string[] | null | undefined): boolean {
  return catalogTagsOf(labels, repoTags).length > 0;
}

/** `busybox:1.35` → `busybox`; `localhost:5000/a/b:1` → `localhost:5000/a/b`. */
export function repositoryOf(ref: string): string {
  const at = ref.indexOf('@');
  const name = at < 0 ? ref : ref.slice(0, at);
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

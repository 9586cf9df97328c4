// Images a session built carry no label of ours: a LABEL step would cost
// every build one more container and commit (measured in a class of 30
// building at once: about 1.1–1.7 s of each build's p95). They are the
// session's by name instead (sessions/names.ts). The engine adapter writes
// the owner into the labels it reports, so everything that asks "whose image
// is this?" reads one label, wherever the answer came from. Committed images
// get a name too (a kept one when the learner gives none).
import { Labels, ownedBy, ownersOf } from '../labels';
import { sessionOfImageName } from '../sessions/names';
import type { ImageDetails, ImageSummary } from './engine';

/** Every session the names point at, sorted. */
export function ownersByNames(names: readonly string[] | null | undefined): string[] {
  return [...new Set((names ?? []).map(sessionOfImageName).filter((s): s is string => !!s))].sort();
}

// The owners label lists them all; the session label is added when there is
// exactly one. Names are the record: only the server gives an engine name in
// a session's namespace (learners' names are mapped into their own). An
// image's own session or owners label is never believed by itself: labels
// are inherited from a base and a learner's LABEL could set them, so one
// that the names do not back is taken off what the adapter reports.
export function withOwnerLabel(labels: Record<string, string> | null | undefined, names: readonly string[] | null | undefined): Record<string, string> | null | undefined {
  const owners = ownersByNames(names);
  const claimed = labels?.[Labels.session] !== undefined || labels?.[Labels.owners] !== undefined;
  if (!owners.length && !claimed) return labels;
  const rest = { ...(labels ?? {}) };
  delete rest[Labels.session];
  delete rest[Labels.owners];
  if (!owners.length) return rest;
  return { ...rest, [Labels.owners]: owners.join(','), ...(owners.length === 1 ? { [Labels.session]: owners[0] } : {}) };
}

export function ownedSummary(i: ImageSummary): ImageSummary {
  const labels = withOwnerLabel(i.Labels, i.RepoTags);
  return labels === i.Labels ? i : { ...i, Labels: labels as Record<string, string> };
}

export function ownedDetails(d: ImageDetails): ImageDetails {
  const labels = withOwnerLabel(d.Config?.Labels, d.RepoTags);
  return labels === d.Config?.Labels ? d : { ...d, Config: { ...d.Config, Labels: labels as Record<string, string> } };
}

// A label filter as the engine takes it (`key` or `key=value`), applied to
// the labels as reported here; the session filter matches any owner.
export function matchesLabelFilters(labels: Record<string, string> | null | undefined, filters: readonly string[]): boolean {
  return filters.every((f) => {
    const eq = f.indexOf('=');
    const [key, value] = eq < 0 ? [f, undefined] : [f.slice(0, eq), f.slice(eq + 1)];
    if (key === Labels.session) return value === undefined ? ownersOf(labels).length > 0 : ownedBy(labels, value);
    const have = labels?.[key];
    return have !== undefined && (value === undefined || have === value);
  });
}

export const isSessionFilter = (f: string): boolean => f === Labels.session || f.startsWith(`${Labels.session}=`);

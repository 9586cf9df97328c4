// Lookups shared by the checks: images by the learner's tag, layers a
// Dockerfile added, the instruction behind a history entry.
import type { Container, Image, Layer, WorldSnapshot } from '../protocol';

export function normalizeTag(tag: string): string {
  const lastSlash = tag.lastIndexOf('/');
  return tag.slice(lastSlash + 1).includes(':') ? tag : `${tag}:latest`;
}

export function imageByTag(world: WorldSnapshot, tag: string): Image | undefined {
  const want = normalizeTag(tag);
  return world.images.find((img) => img.tags.some((t) => normalizeTag(t) === want));
}

export function imageById(world: WorldSnapshot, id: string): Image | undefined {
  const bare = (s: string) => s.replace(/^sha256:/, '');
  return world.images.find((img) => bare(img.id) === bare(id) || bare(img.id).startsWith(bare(id)));
}

export function containersOf(world: WorldSnapshot, image: Image): Container[] {
  const bare = (s: string) => s.replace(/^sha256:/, '');
  return world.containers.filter((c) => bare(c.imageId) === bare(image.id));
}

// docker history prints metadata steps as "/bin/sh -c #(nop)  ENV A=1" and
// RUN steps as the shell command itself, sometimes prefixed "|N " by build args.
export function instructionOf(layer: Layer): string | undefined {
  if (layer.instruction) return layer.instruction.toUpperCase();
  const nop = /#\(nop\)\s+([A-Za-z]+)/.exec(layer.createdBy);
  if (nop) return nop[1].toUpperCase();
  if (/^(\|\d+ .*)?\/bin\/sh -c /.test(layer.createdBy)) return 'RUN';
  return undefined;
}

// The sandbox labels every build it runs (session, Dockerfile text); the
// classic builder records those labels as LABEL history entries. They are the
// product's bookkeeping, not the learner's layers.
export function isBookkeeping(layer: Layer): boolean {
  return /#\(nop\)\s+LABEL org\.layerlab\./.test(layer.createdBy);
}

export function learnerLayers(image: Image): Layer[] {
  return (image.layers ?? []).filter((l) => !isBookkeeping(l));
}

// The layers this image's own Dockerfile added. The server marks them with a
// line number; without one, everything above the longest catalog base whose
// history is a prefix of this one counts.
export function dockerfileLayers(world: WorldSnapshot, image: Image): Layer[] {
  const layers = learnerLayers(image);
  if (layers.some((l) => l.line !== undefined)) return layers.filter((l) => l.line !== undefined);
  let baseLength = 0;
  for (const other of world.images) {
    const theirs = learnerLayers(other);
    if (other.id === image.id || !other.layers || theirs.length >= layers.length) continue;
    const prefix = theirs.every((l, i) => l.createdBy === layers[i].createdBy);
    if (prefix && theirs.length > baseLength) baseLength = theirs.length;
  }
  return layers.slice(baseLength);
}

export function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

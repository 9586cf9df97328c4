// The layer stack a share's Dockerfile will make, read from its
// instructions alone (no build happens for a link preview): the final
// stage, base at the bottom, metadata-only instructions drawn thin.
import { finalStageInstructions, parseDockerfile } from '../dockerfile/model';

export interface PreviewLayer { keyword: string; text: string; thin: boolean; base: boolean }
export interface LayerPreview { layers: PreviewLayer[]; hidden: number }

// Instructions that only change the image's config: a layer with no files.
const METADATA = new Set(['ENV', 'LABEL', 'CMD', 'ENTRYPOINT', 'EXPOSE', 'USER', 'ARG', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER', 'WORKDIR']);

export function previewLayers(dockerfile: string, maxLayers = 8, maxChars = 56): LayerPreview {
  const all = finalStageInstructions(parseDockerfile(dockerfile)).map((ins) => ({
    keyword: ins.keyword,
    text: clip(ins.args.replace(/\s+/g, ' ').trim(), maxChars),
    thin: METADATA.has(ins.keyword),
    base: ins.keyword === 'FROM',
  }));
  if (all.length <= maxLayers) return { layers: all, hidden: 0 };
  // Keep the base and the newest layers: the top of the stack is what a
  // reader recognises, the middle is summarised as a count.
  const keep = [all[0], ...all.slice(all.length - (maxLayers - 1))];
  return { layers: keep, hidden: all.length - keep.length };
}

function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, max - 1).join('') + '…';
}

// What kind of instruction made a layer, for labels, phases and matching.

// Instructions that only change the image's configuration: no process runs
// and no files land in the layer (WORKDIR may create an empty directory, but
// the builder commits it without running anything).
const METADATA = new Set([
  'ARG', 'CMD', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'HEALTHCHECK', 'LABEL', 'MAINTAINER',
  'ONBUILD', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR',
]);

const KEYWORDS = new Set([...METADATA, 'ADD', 'COPY', 'FROM', 'RUN']);

export function isMetadataInstruction(keyword: string): boolean {
  return METADATA.has(keyword.toUpperCase());
}

/** Instructions whose step starts a process in the intermediate container. */
export function runsContainer(keyword: string): boolean {
  return keyword.toUpperCase() === 'RUN';
}

export interface CreatedBy { instruction: string; text: string }

/**
 * Reads a `docker history` CreatedBy string. The classic builder writes
 * `/bin/sh -c #(nop)  ENV A=1` for steps that ran nothing, `#(nop) COPY
 * file:<sum> in /dest`, the shell command itself for RUN, prefixed with
 * `|<n> NAME=value …` when build args were in scope; BuildKit writes
 * `RUN /bin/sh -c … # buildkit`, `ENV A=1`. `text` is what follows the keyword
 * (for RUN: the command as the shell got it). An imported base layer has an
 * empty CreatedBy: undefined.
 */
export function parseCreatedBy(createdBy: string): CreatedBy | undefined {
  const trimmed = createdBy.trim();
  if (trimmed === '') return undefined;
  const nop = /#\(nop\)\s*([A-Za-z]+)\s*([\s\S]*)$/.exec(trimmed);
  if (nop) return { instruction: nop[1].toUpperCase(), text: nop[2].trim() };
  const buildkit = /^([A-Z]+)\s+([\s\S]*?)(?:\s+# buildkit)?$/.exec(trimmed);
  if (buildkit && KEYWORDS.has(buildkit[1])) {
    const text = buildkit[1] === 'RUN' ? stripShell(buildkit[2]) : buildkit[2];
    return { instruction: buildkit[1], text };
  }
  return { instruction: 'RUN', text: stripShell(stripBuildArgs(trimmed)) };
}

/** The instruction keyword that made a history entry, e.g. 'RUN', 'COPY', 'ENV'. */
export function layerInstruction(createdBy: string): string | undefined {
  return parseCreatedBy(createdBy)?.instruction;
}

// `|2 A=1 B=x y /bin/sh -c cmd`: values are not quoted, so the command is
// found by its shell rather than by counting words.
function stripBuildArgs(s: string): string {
  if (!/^\|\d+\s/.test(s)) return s;
  const shell = /\s(\/bin\/(?:ba)?sh -c\s[\s\S]*)$/.exec(s);
  return shell ? shell[1] : s.replace(/^\|\d+\s+/, '');
}

function stripShell(s: string): string {
  const m = /^\/bin\/(?:ba)?sh -c\s+([\s\S]*)$/.exec(s);
  return m ? m[1] : s;
}

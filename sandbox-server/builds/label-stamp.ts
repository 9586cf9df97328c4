// The sandbox's labels (the session, the learner's Dockerfile) as one LABEL
// line at the end of the Dockerfile the engine builds, instead of the build
// API's `labels` option: Engine 20.10's classic builder turns each label of
// that option into a LABEL step of its own, and every such step creates and
// commits a container. One line is one step: measured with a class of 30
// building at once, a step costs a second or two there.
//
// Appending is safe only if the line stays an instruction of its own: after
// a trailing line continuation it would become arguments of the learner's
// last instruction, and the image would carry no session label. So the
// result is parsed again and used only if the Dockerfile now has exactly
// one more instruction, that line; otherwise the caller falls back to the
// build option.
import { parseDockerfile } from '../../lib/dockerfile/model';

const SAFE_KEY = /^[a-z0-9.-]+$/;
const SAFE_VALUE = /^[A-Za-z0-9+/=._-]*$/;

/** The Dockerfile with the labels appended as one LABEL line, or null when that cannot be done safely. */
export function stampLabels(dockerfile: string, labels: Record<string, string>): string | null {
  const pairs = Object.entries(labels);
  if (!pairs.length || pairs.some(([k, v]) => !SAFE_KEY.test(k) || !SAFE_VALUE.test(v))) return null;
  const line = `LABEL ${pairs.map(([k, v]) => `${k}="${v}"`).join(' ')}`;
  const base = dockerfile.replace(/\s+$/, '');
  const stamped = `${base}\n${line}\n`;
  const before = parseDockerfile(dockerfile).instructions;
  const after = parseDockerfile(stamped).instructions;
  const last = after[after.length - 1];
  const lineNo = base.split('\n').length + 1;
  if (after.length !== before.length + 1 || !last || last.keyword !== 'LABEL' || last.line !== lineNo || last.endLine !== lineNo) return null;
  // No stage yet (an empty or ARG-only file) means nothing to label: the engine refuses it anyway.
  if (!before.some((i) => i.keyword === 'FROM')) return null;
  return stamped;
}

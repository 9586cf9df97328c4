// Classroom limits in one table, read from the environment once. A bad value
// stops start-up with the variable's name, like lib/settings.ts.
import { z } from 'zod';

export const classroomLimitsTable = {
  classSize: { env: 'LAYERLAB_CLASS_SIZE', default: '30', schema: z.coerce.number().int().min(1).max(500), doc: 'Learners one classroom accepts.' },
} as const;

export interface ClassroomLimits { classSize: number }

export const NAME_MAX = 40;
export const CLASS_NAME_MAX = 80;
export const MESSAGE_MAX = 280;
export const DOCKERFILE_MAX = 64 * 1024;
export const LAYERS_MAX = 128;
export const MESSAGES_KEPT = 50;

export function loadClassroomLimits(env: Record<string, string | undefined>): ClassroomLimits {
  const spec = classroomLimitsTable.classSize;
  const raw = env[spec.env] ?? spec.default;
  const parsed = spec.schema.safeParse(raw);
  if (!parsed.success) throw new Error(`Invalid settings:\n  ${spec.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')} (${spec.doc})`);
  return { classSize: parsed.data };
}

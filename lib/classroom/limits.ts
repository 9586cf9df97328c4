// Classroom limits in one table, read from the environment once. A bad value
// stops start-up with the variable's name, like lib/settings.ts.
import { z } from 'zod';

const count = (max: number) => z.coerce.number().int().min(1).max(max);

export const classroomLimitsTable = {
  classSize: { env: 'LAYERLAB_CLASS_SIZE', default: '30', schema: count(500), doc: 'Learners one classroom accepts.' },
  joinsPerAddress: {
    env: 'LAYERLAB_JOIN_RATE', default: '60', schema: count(100_000),
    doc: 'Refused join attempts (unknown code, name taken, class full or closed) one client address may make per minute over all classes. Joins that take a seat are not counted: a whole school may share one address.',
  },
  refusalsPerAddressInClass: {
    env: 'LAYERLAB_JOIN_REFUSALS_PER_CLASS', default: '20', schema: count(100_000),
    doc: 'Refused join attempts one client address may make on one join code per minute: a classmate flooding a class with taken names waits, while the code stays open to everyone else.',
  },
  joinsPerCode: {
    env: 'LAYERLAB_JOIN_RATE_PER_CODE', default: '60', schema: count(100_000),
    doc: 'Learners one join code seats per minute, from all addresses. Refused attempts are charged to the address that made them, never to the code.',
  },
  classesPerAddress: {
    env: 'LAYERLAB_CLASS_CREATE_RATE', default: '30', schema: count(100_000),
    doc: 'Classes one client address may create per hour (each is a database row with its own join code).',
  },
} as const;

export interface ClassroomLimits {
  classSize: number;
  /** Defaults to the table's default when left out (tests, benchmarks). */
  joinsPerAddress?: number;
  refusalsPerAddressInClass?: number;
  joinsPerCode?: number;
  classesPerAddress?: number;
}

export const JOIN_RATE_WINDOW_SECONDS = 60;
export const CREATE_RATE_WINDOW_SECONDS = 3600;
export const NAME_MAX = 40;
export const CLASS_NAME_MAX = 80;
export const MESSAGE_MAX = 280;
export const DOCKERFILE_MAX = 64 * 1024;
export const LAYERS_MAX = 128;
export const MESSAGES_KEPT = 50;

export function defaultClassroomLimit(key: keyof typeof classroomLimitsTable): number {
  return Number(classroomLimitsTable[key].default);
}

export function loadClassroomLimits(env: Record<string, string | undefined>): Required<ClassroomLimits> {
  const out: Record<string, number> = {};
  const problems: string[] = [];
  for (const [key, spec] of Object.entries(classroomLimitsTable)) {
    const raw = env[spec.env] ?? spec.default;
    const parsed = spec.schema.safeParse(raw);
    if (parsed.success) out[key] = parsed.data;
    else problems.push(`${spec.env}=${JSON.stringify(raw)}: ${parsed.error.issues.map((i) => i.message).join('; ')} (${spec.doc})`);
  }
  if (problems.length) throw new Error(`Invalid settings:\n  ${problems.join('\n  ')}`);
  return out as unknown as Required<ClassroomLimits>;
}

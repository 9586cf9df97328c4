// Every message on the classroom socket, described once with zod and checked
// on both sides. Names and texts from people are kept verbatim (the pages
// render them as text); only control characters and surrounding space go,
// and from names everything invisible (lib/classroom/names.ts says why).
import { z } from 'zod';
import { CLASS_NAME_MAX, DOCKERFILE_MAX, LAYERS_MAX, MESSAGE_MAX, NAME_MAX } from './limits';
import { normalizeJoinCode } from './join-code';
import { say, sentenceGap, type Locale, type MessageKey, type Phrase } from '../i18n';

// Control characters (and bidi overrides) would let a name rearrange or hide
// the text around it in the roster.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

export function cleanText(s: string): string {
  return s.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
}

// Characters that draw nothing: format characters (zero-width space and
// joiners, soft hyphen, bidi marks) and the rest of the default-ignorables
// (variation selectors, Hangul fillers, combining grapheme joiner…).
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;
// Characters that draw as a blank without being "white space" to a regex.
const BLANK = /[\s\u2800]+/gu;
// C0/C1 controls are neither Cf nor ignorable; they go like the rest.
const CC = /\p{Cc}/gu;

/** A display name as it is stored and shown: nothing invisible, one space between words. */
export function cleanName(s: string): string {
  return s.replace(INVISIBLE, '').replace(CC, ' ').replace(BLANK, ' ').trim();
}

// Zod keeps each message in English; the phrase behind it is remembered so
// that a refusal can be worded again in the reader's language (zodMessage).
const phrases = new Map<string, Phrase>();
function english(p: Phrase): string {
  const s = say('en', p);
  phrases.set(s, p);
  return s;
}

const text = (max: number, what: MessageKey, clean: (s: string) => string = cleanText) => z.string()
  .transform(clean)
  .pipe(z.string()
    .min(1, english({ key: 'classroom.invalid.empty', vars: { what: { key: what } } }))
    .max(max, english({ key: 'classroom.invalid.tooLong', vars: { what: { key: what }, max } })));

export const DisplayName = text(NAME_MAX, 'classroom.invalid.yourName', cleanName);
export const ClassName = text(CLASS_NAME_MAX, 'classroom.invalid.className');
export const BroadcastText = text(MESSAGE_MAX, 'classroom.invalid.message');
export const LessonSlug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,79}$/, english({ key: 'classroom.invalid.lesson' }));
export const Dockerfile = z.string().max(DOCKERFILE_MAX, english({ key: 'classroom.invalid.dockerfile', vars: { kb: DOCKERFILE_MAX / 1024 } }));
const BAD_CODE = english({ key: 'classroom.invalid.codeFormat' });
export const JoinCode = z.string().transform((s, ctx) => {
  const c = normalizeJoinCode(s);
  if (!c) { ctx.addIssue({ code: 'custom', message: BAD_CODE }); return z.NEVER; }
  return c;
});
const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const Secret = z.string().min(16).max(128);

// ---- lobby (no credentials) -------------------------------------------------
export const CreateClassroom = z.object({
  name: ClassName,
  lessonSlug: LessonSlug.nullish(),
  starterDockerfile: Dockerfile.nullish(),
});
export type CreateClassroom = z.infer<typeof CreateClassroom>;
export const JoinClassroom = z.object({ code: JoinCode, displayName: DisplayName });
export type JoinClassroom = z.infer<typeof JoinClassroom>;

// ---- handshake credentials --------------------------------------------------
export const InstructorAuth = z.object({ role: z.literal('instructor'), classroomId: Id, secret: Secret });
export const LearnerAuth = z.object({ role: z.literal('learner'), classroomId: Id, memberId: Id, token: Secret });
export const SocketAuth = z.discriminatedUnion('role', [InstructorAuth, LearnerAuth]);
export type SocketAuth = z.infer<typeof SocketAuth>;

// ---- what a learner reports ------------------------------------------------
export const LastBuild = z.union([
  z.object({ ok: z.literal(true), imageId: z.string().max(128), at: z.string().max(40) }),
  z.object({ ok: z.literal(false), line: z.number().int().min(1).optional(), message: z.string().max(2000), at: z.string().max(40) }),
]).nullable();
export type LastBuild = z.infer<typeof LastBuild>;

export const CompactLayer = z.object({
  createdBy: z.string().max(400), // CREATED_BY_MAX
  sizeBytes: z.number().min(0),
  line: z.number().int().min(1).optional(),
  empty: z.boolean(),
});
export type CompactLayer = z.infer<typeof CompactLayer>;

export const CREATED_BY_MAX = 400;

/** A layer as a learner reports it: "created by" cut to what the message takes (a LABEL line carrying a Dockerfile runs long). */
export function compactLayer(l: { createdBy: string; sizeBytes: number; empty?: boolean; line?: number | null }): CompactLayer {
  return { createdBy: l.createdBy.slice(0, CREATED_BY_MAX), sizeBytes: l.sizeBytes, empty: l.empty ?? l.sizeBytes === 0, ...(l.line ? { line: l.line } : {}) };
}

export const Progress = z.object({
  step: z.number().int().min(0).max(1000).optional(),
  stepsTotal: z.number().int().min(0).max(1000).optional(),
  checksPassed: z.number().int().min(0).max(1000).optional(),
  checksTotal: z.number().int().min(0).max(1000).optional(),
});
export type Progress = z.infer<typeof Progress>;

// Every field is optional: the reporter sends what changed.
export const LearnerReport = z.object({
  dockerfile: Dockerfile.optional(),
  lastBuild: LastBuild.optional(),
  layers: z.array(CompactLayer).max(LAYERS_MAX).optional(),
  runningContainers: z.number().int().min(0).max(1000).optional(),
  progress: Progress.optional(),
});
export type LearnerReport = z.infer<typeof LearnerReport>;

// ---- what an instructor does -------------------------------------------------
export const Broadcast = z.object({ text: BroadcastText });
export const PushStarter = z.object({ dockerfile: Dockerfile.pipe(z.string().min(1, english({ key: 'classroom.invalid.starterEmpty' }))) });
export const SetLocked = z.object({ locked: z.boolean() });
export const SetJoinsLocked = z.object({ locked: z.boolean() });
export const RemoveMember = z.object({ memberId: Id });
export const RotateCode = z.object({}).strict();
export const EndClass = z.object({}).strict();
export const Follow = z.object({ memberId: Id.nullable() });
export const Spotlight = z.object({
  target: z.union([z.object({ kind: z.literal('member'), memberId: Id }), z.object({ kind: z.literal('instructor'), dockerfile: Dockerfile })]).nullable(),
  toLearners: z.boolean().default(false),
});
export type Spotlight = z.infer<typeof Spotlight>;

// Acks: every request answers { ok: true, … } or { ok: false, error }.
export interface AckError { ok: false; error: { code: ClassroomErrorCode; message: string } }
export type Ack<T> = ({ ok: true } & T) | AckError;

export type ClassroomErrorCode =
  | 'invalid' | 'not-found' | 'full' | 'ended' | 'name-taken' | 'unauthorized' | 'locked' | 'rate-limited' | 'internal'
  // Refused before any handler: a body over its event's cap, an event this connection does not serve.
  | 'too-large' | 'unknown-event'
  | 'joins-locked' | 'removed';

// A message zod made itself (a wrong type, say) has no phrase: other
// languages get a general sentence for it.
export function zodMessage(err: z.ZodError, locale: Locale = 'en'): string {
  const words = err.issues.map((i) => {
    const p = phrases.get(i.message);
    if (p) return say(locale, p);
    return locale === 'en' ? i.message : say(locale, { key: 'classroom.error.invalid' });
  });
  return [...new Set(words)].join(sentenceGap(locale));
}

// One catalog of event names, used by the server and every client.
export const ClassroomEvents = {
  // lobby, client → server with an ack
  create: 'classroom:create',
  join: 'classroom:join',
  // instructor → server (ack)
  broadcast: 'teach:broadcast',
  pushStarter: 'teach:push-starter',
  lock: 'teach:lock',
  end: 'teach:end',
  follow: 'teach:follow',
  spotlight: 'teach:spotlight',
  remove: 'teach:remove',
  rotateCode: 'teach:rotate-code',
  lockJoins: 'teach:lock-joins',
  // learner → server
  report: 'learn:report',
  // server → instructor
  roster: 'roster:snapshot',
  row: 'roster:row',
  followed: 'follow:detail',
  // server → everyone in the class
  classState: 'class:state',
  message: 'class:message',
  spotlightShow: 'class:spotlight',
  // server → one learner, just before their sockets are closed
  removed: 'class:removed',
} as const;

/** The handshake refusal a removed learner's token gets (instead of "unauthorized"). */
export const REMOVED_HANDSHAKE = 'removed';

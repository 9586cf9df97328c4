// Classrooms in the database: the roster, what each learner last reported,
// broadcasts and the spotlight. Everything the dashboard draws comes from
// here, so a restart of the web loses nothing.
import { randomBytes } from 'node:crypto';
import type { Db } from '../prisma/client';
import { generateJoinCode } from '../lib/classroom/join-code';
import type { ClassroomLimits } from '../lib/classroom/limits';
import { MESSAGES_KEPT } from '../lib/classroom/limits';
import { clashingName } from '../lib/classroom/names';
import type { CompactLayer, CreateClassroom, LastBuild, LearnerReport, Progress } from '../lib/classroom/messages';
import type { ClassInfo, ClassMessage, MemberDetail, MemberRow, MemberStatus, RosterSnapshot, SpotlightState } from '../lib/classroom/roster';
import { ClassroomError } from './errors';
import { newId, newSecret, secretMatches, sha256 } from './secrets';

type ClassroomRecord = NonNullable<Awaited<ReturnType<Db['classroom']['findUnique']>>>;
type MemberRecord = NonNullable<Awaited<ReturnType<Db['classroomMember']['findUnique']>>>;

function json<T>(s: string, fallback: T): T {
  try { return JSON.parse(s) as T; } catch { return fallback; }
}

// Stored as "{}" when nothing is in the spotlight.
function parseSpotlight(s: string): SpotlightState {
  const v = json<unknown>(s, null);
  return v && typeof v === 'object' && 'kind' in v ? (v as SpotlightState) : null;
}

export class ClassroomStore {
  // Joins are counted and inserted one at a time per classroom, so 30
  // learners arriving at once cannot overshoot the cap. (One web node; with
  // several, the cap check moves into a conditional update.)
  private joinQueue = new Map<string, Promise<unknown>>();

  constructor(private readonly db: Db, private readonly limits: ClassroomLimits) {}

  private info(c: ClassroomRecord): ClassInfo {
    return {
      id: c.id, name: c.name, code: c.code, lessonSlug: c.lessonSlug, starterDockerfile: c.starterDockerfile,
      starterVersion: c.starterVersion, locked: c.locked, joinsLocked: c.joinsLocked, endedAt: c.endedAt?.toISOString() ?? null, classSize: this.limits.classSize,
    };
  }

  static row(m: MemberRecord): MemberRow {
    return {
      id: m.id, displayName: m.displayName, status: m.status === 'online' ? 'online' : 'offline', lastSeen: m.lastSeen.toISOString(), joinedAt: m.joinedAt.toISOString(),
      progress: json<Progress>(m.progress, {}), lastBuild: json<LastBuild>(m.lastBuild, null), layerCount: m.layerCount, runningContainers: m.runningContainers,
    };
  }

  static detail(m: MemberRecord): MemberDetail {
    return { memberId: m.id, displayName: m.displayName, dockerfile: m.currentDockerfile, layers: json<CompactLayer[]>(m.layers, []), lastBuild: json<LastBuild>(m.lastBuild, null) };
  }

  async create(req: CreateClassroom): Promise<{ classroom: ClassInfo; secret: string }> {
    const secret = newSecret();
    const c = await this.withNewCode((code) => this.db.classroom.create({
      data: {
        id: newId(), name: req.name, code, instructorSecretHash: sha256(secret),
        lessonSlug: req.lessonSlug ?? null, starterDockerfile: req.starterDockerfile || null,
      },
    }));
    return { classroom: this.info(c), secret };
  }

  // Draws join codes until one is free (29^6 codes make a clash rare).
  private async withNewCode<T>(write: (code: string) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await write(generateJoinCode((n) => randomBytes(n)));
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002' && attempt < 5) continue;
        throw e;
      }
    }
  }

  /** A new join code: the old one stops working at once; members stay (they sign in by token). */
  async rotateCode(classroomId: string): Promise<ClassInfo> {
    return this.info(await this.withNewCode((code) => this.db.classroom.update({ where: { id: classroomId }, data: { code } })));
  }

  async get(id: string): Promise<ClassInfo | null> {
    const c = await this.db.classroom.findUnique({ where: { id } });
    return c ? this.info(c) : null;
  }

  /**
   * Seats a learner. `joinedBefore` are the members this connection joined
   * earlier: one the instructor removed keeps the connection out of that class.
   */
  async join(code: string, displayName: string, joinedBefore: readonly string[] = []): Promise<{ classroom: ClassInfo; member: MemberRow; token: string }> {
    const c = await this.db.classroom.findUnique({ where: { code } });
    if (!c) throw new ClassroomError('not-found', { key: 'classroom.error.badCode' });
    if (c.endedAt) throw new ClassroomError('ended', { key: 'classroom.error.ended' });
    if (c.joinsLocked) throw new ClassroomError('joins-locked', { key: 'classroom.error.joinsLocked' });
    const prev = this.joinQueue.get(c.id) ?? Promise.resolve();
    const run = prev.catch(() => undefined).then(async () => {
      const [members, blocks] = await Promise.all([
        this.db.classroomMember.findMany({ where: { classroomId: c.id }, select: { displayName: true } }),
        this.db.classroomBlock.findMany({ where: { classroomId: c.id }, select: { displayName: true, memberId: true } }),
      ]);
      if (blocks.some((b) => joinedBefore.includes(b.memberId)) || clashingName(displayName, blocks.map((b) => b.displayName)) !== null) {
        throw new ClassroomError('removed', { key: 'classroom.error.removedJoin' });
      }
      // Names are compared as they read (lib/classroom/names.ts), not byte for byte.
      if (clashingName(displayName, members.map((m) => m.displayName)) !== null) throw new ClassroomError('name-taken', { key: 'classroom.error.nameTaken' });
      if (members.length >= this.limits.classSize) {
        throw new ClassroomError('full', { key: 'classroom.error.full', vars: { size: this.limits.classSize } });
      }
      const token = newSecret();
      try {
        const m = await this.db.classroomMember.create({ data: { id: newId(), classroomId: c.id, displayName, tokenHash: sha256(token) } });
        return { classroom: this.info(c), member: ClassroomStore.row(m), token };
      } catch (e) {
        if ((e as { code?: string }).code === 'P2002') throw new ClassroomError('name-taken', { key: 'classroom.error.nameTaken' });
        throw e;
      }
    });
    this.joinQueue.set(c.id, run);
    try { return await run; } finally { if (this.joinQueue.get(c.id) === run) this.joinQueue.delete(c.id); }
  }

  /**
   * Frees the member's seat and keeps them out: their name (as it reads)
   * and their token are blocked for this class. Null when no such member.
   */
  async remove(classroomId: string, memberId: string): Promise<{ displayName: string } | null> {
    return this.db.$transaction(async (tx) => {
      const m = await tx.classroomMember.findUnique({ where: { id: memberId } });
      if (!m || m.classroomId !== classroomId) return null;
      await tx.classroomBlock.create({ data: { id: newId(), classroomId, displayName: m.displayName, memberId: m.id, tokenHash: m.tokenHash } });
      await tx.classroomMember.delete({ where: { id: m.id } });
      return { displayName: m.displayName };
    });
  }

  /** True when these are the credentials of a member the instructor removed. */
  async wasRemoved(classroomId: string, memberId: string, token: string): Promise<boolean> {
    const b = await this.db.classroomBlock.findFirst({ where: { classroomId, memberId } });
    return b !== null && secretMatches(token, b.tokenHash);
  }

  async authInstructor(classroomId: string, secret: string): Promise<ClassInfo | null> {
    const c = await this.db.classroom.findUnique({ where: { id: classroomId } });
    return c && secretMatches(secret, c.instructorSecretHash) ? this.info(c) : null;
  }

  async authLearner(classroomId: string, memberId: string, token: string): Promise<{ classroom: ClassInfo; member: MemberRow } | null> {
    const m = await this.db.classroomMember.findUnique({ where: { id: memberId }, include: { classroom: true } });
    if (!m || m.classroomId !== classroomId || !secretMatches(token, m.tokenHash)) return null;
    return { classroom: this.info(m.classroom), member: ClassroomStore.row(m) };
  }

  async setStatus(memberId: string, status: MemberStatus): Promise<MemberRow> {
    return ClassroomStore.row(await this.db.classroomMember.update({ where: { id: memberId }, data: { status, lastSeen: new Date() } }));
  }

  // After a restart no socket is connected: everyone is offline until their
  // client reconnects.
  async markAllOffline(): Promise<number> {
    const r = await this.db.classroomMember.updateMany({ where: { status: 'online' }, data: { status: 'offline' } });
    return r.count;
  }

  async report(memberId: string, r: LearnerReport): Promise<{ row: MemberRow; detail: MemberDetail }> {
    const data: Parameters<Db['classroomMember']['update']>[0]['data'] = { lastSeen: new Date(), status: 'online' };
    if (r.dockerfile !== undefined) data.currentDockerfile = r.dockerfile;
    if (r.lastBuild !== undefined) data.lastBuild = JSON.stringify(r.lastBuild);
    if (r.layers !== undefined) { data.layers = JSON.stringify(r.layers); data.layerCount = r.layers.length; }
    if (r.runningContainers !== undefined) data.runningContainers = r.runningContainers;
    if (r.progress !== undefined) data.progress = JSON.stringify(r.progress);
    const m = await this.db.classroomMember.update({ where: { id: memberId }, data });
    return { row: ClassroomStore.row(m), detail: ClassroomStore.detail(m) };
  }

  async detail(classroomId: string, memberId: string): Promise<MemberDetail | null> {
    const m = await this.db.classroomMember.findUnique({ where: { id: memberId } });
    return m && m.classroomId === classroomId ? ClassroomStore.detail(m) : null;
  }

  async addMessage(classroomId: string, text: string): Promise<ClassMessage> {
    const m = await this.db.classroomMessage.create({ data: { id: newId(), classroomId, text } });
    return { id: m.id, text: m.text, createdAt: m.createdAt.toISOString() };
  }

  async update(classroomId: string, data: { locked?: boolean; joinsLocked?: boolean; starterDockerfile?: string; endedAt?: Date; spotlight?: SpotlightState }): Promise<ClassInfo> {
    const { spotlight, starterDockerfile, ...rest } = data;
    const c = await this.db.classroom.update({
      where: { id: classroomId },
      data: {
        ...rest,
        ...(starterDockerfile !== undefined ? { starterDockerfile, starterVersion: { increment: 1 } } : {}),
        ...(spotlight !== undefined ? { spotlight: JSON.stringify(spotlight) } : {}),
      },
    });
    return this.info(c);
  }

  async spotlight(classroomId: string): Promise<SpotlightState> {
    const c = await this.db.classroom.findUnique({ where: { id: classroomId }, select: { spotlight: true } });
    return c ? parseSpotlight(c.spotlight) : null;
  }

  async snapshot(classroomId: string): Promise<RosterSnapshot | null> {
    const c = await this.db.classroom.findUnique({
      where: { id: classroomId },
      include: { members: { orderBy: { joinedAt: 'asc' } }, messages: { orderBy: { createdAt: 'desc' }, take: MESSAGES_KEPT } },
    });
    if (!c) return null;
    return {
      classroom: this.info(c),
      members: c.members.map((m) => ClassroomStore.row(m)),
      messages: c.messages.reverse().map((m) => ({ id: m.id, text: m.text, createdAt: m.createdAt.toISOString() })),
      spotlight: parseSpotlight(c.spotlight),
    };
  }
}

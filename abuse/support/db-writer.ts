// Child process for db-crash.abuse.test.ts: writes shares and classrooms
// through the real database layer as fast as it can and prints "ack N" only
// after each write has resolved, so the parent knows what was acknowledged.
import { createDb } from '../../prisma/client';

async function main() {
  const [url, prefix] = process.argv.slice(2);
  const db = createDb(url);
  for (let n = 0; ; n++) {
    const id = `${prefix}-${n}`;
    await db.share.create({ data: { slug: id, dockerfile: `FROM busybox\nRUN echo ${n}\n`, sizeBytes: 20, clientKey: prefix } });
    // A classroom with its first member and message: all or nothing.
    await db.$transaction([
      db.classroom.create({ data: { id, name: `class ${n}`, code: id.slice(-10), instructorSecretHash: 'x' } }),
      db.classroomMember.create({ data: { id: `${id}-m`, classroomId: id, displayName: 'ada', tokenHash: 'y' } }),
      db.classroomMessage.create({ data: { id: `${id}-msg`, classroomId: id, text: 'x'.repeat(2000) } }),
    ]);
    process.stdout.write(`ack ${n}\n`);
  }
}

main().catch((err) => { console.error(err); process.exit(1); });

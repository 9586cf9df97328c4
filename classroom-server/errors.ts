// A refusal the client should show as is (full class, wrong code…), as
// opposed to a bug, which is logged and answered with a generic message.
import type { ClassroomErrorCode } from '../lib/classroom/messages';

export class ClassroomError extends Error {
  constructor(readonly code: ClassroomErrorCode, message: string) { super(message); }
}

// Every event a classroom client may send, per role, with its body's schema
// and size cap: the one table the classroom socket serves (through
// lib/socket-calls). A connection is served its role's table only, so a
// learner's "teach:*" is an unknown event, not a handler that forgot a check.
import { clientEvent } from '../socket-calls/check';
import {
  CREATED_BY_MAX, Broadcast, ClassroomEvents as E, CreateClassroom, EndClass, Follow, JoinClassroom, LearnerReport, PushStarter, RemoveMember, RotateCode,
  SetJoinsLocked, SetLocked, Spotlight,
} from './messages';
import { DOCKERFILE_MAX, LAYERS_MAX } from './limits';

// Room for the field names, numbers and short texts around a Dockerfile.
const AROUND = 4096;

export const LobbyEvents = {
  [E.create]: clientEvent(CreateClassroom, DOCKERFILE_MAX + AROUND),
  [E.join]: clientEvent(JoinClassroom, AROUND),
};

export const InstructorEvents = {
  [E.broadcast]: clientEvent(Broadcast, AROUND),
  [E.pushStarter]: clientEvent(PushStarter, DOCKERFILE_MAX + AROUND),
  [E.lock]: clientEvent(SetLocked, 256),
  [E.end]: clientEvent(EndClass, 256),
  [E.follow]: clientEvent(Follow, 256),
  [E.spotlight]: clientEvent(Spotlight, DOCKERFILE_MAX + AROUND),
  [E.remove]: clientEvent(RemoveMember, 256),
  [E.rotateCode]: clientEvent(RotateCode, 256),
  [E.lockJoins]: clientEvent(SetJoinsLocked, 256),
};

export const LearnerEvents = {
  [E.report]: clientEvent(LearnerReport, DOCKERFILE_MAX + LAYERS_MAX * (CREATED_BY_MAX + 128) + AROUND),
};

export type LobbyEvents = typeof LobbyEvents;
export type InstructorEvents = typeof InstructorEvents;
export type LearnerEvents = typeof LearnerEvents;

// The largest message any role sends, counted as the caps count (characters).
export const CLASSROOM_MESSAGE_MAX = Math.max(...[LobbyEvents, InstructorEvents, LearnerEvents].flatMap((t) => Object.values(t).map((e) => e.maxBytes))) + AROUND;
// socket.io's maxHttpBufferSize counts bytes, and UTF-8 spends up to three on
// each of those characters (a Dockerfile commented in Chinese).
export const CLASSROOM_BUFFER_BYTES = CLASSROOM_MESSAGE_MAX * 3;

// The live state of a classroom as the dashboard and the learners hold it: a
// snapshot from the server, then small updates folded in by one reducer, so a
// reconnect is just a new snapshot.
import type { CompactLayer, LastBuild, Progress } from './messages';

export type MemberStatus = 'online' | 'offline';

export interface MemberRow {
  id: string;
  displayName: string;
  status: MemberStatus;
  lastSeen: string; // ISO time
  joinedAt: string; // ISO time
  progress: Progress;
  lastBuild: LastBuild;
  layerCount: number;
  runningContainers: number;
}

// What following a learner shows: their Dockerfile and their last image.
export interface MemberDetail {
  memberId: string;
  displayName: string;
  dockerfile: string;
  layers: CompactLayer[];
  lastBuild: LastBuild;
}

export type SpotlightState =
  | { kind: 'member'; memberId: string; toLearners: boolean }
  | { kind: 'instructor'; dockerfile: string; toLearners: boolean }
  | null;

export interface ClassInfo {
  id: string;
  name: string;
  code: string;
  lessonSlug: string | null;
  starterDockerfile: string | null;
  starterVersion: number;
  locked: boolean;
  /** No one new may join (the roster's members stay). */
  joinsLocked: boolean;
  endedAt: string | null;
  classSize: number;
}

export interface ClassMessage { id: string; text: string; createdAt: string }

export interface RosterSnapshot {
  classroom: ClassInfo;
  members: MemberRow[];
  messages: ClassMessage[];
  spotlight: SpotlightState;
}

export type RosterAction =
  | { type: 'snapshot'; snapshot: RosterSnapshot }
  | { type: 'row'; row: MemberRow }
  | { type: 'class'; classroom: ClassInfo; spotlight?: SpotlightState }
  | { type: 'message'; message: ClassMessage };

export function rosterReducer(state: RosterSnapshot | null, action: RosterAction): RosterSnapshot | null {
  if (action.type === 'snapshot') return action.snapshot;
  if (!state) return state; // updates before the first snapshot are covered by it
  switch (action.type) {
    case 'row': {
      const i = state.members.findIndex((m) => m.id === action.row.id);
      const members = i < 0 ? [...state.members, action.row] : state.members.map((m, j) => (j === i ? action.row : m));
      return { ...state, members };
    }
    case 'class':
      return { ...state, classroom: action.classroom, spotlight: action.spotlight === undefined ? state.spotlight : action.spotlight };
    case 'message':
      if (state.messages.some((m) => m.id === action.message.id)) return state;
      return { ...state, messages: [...state.messages, action.message] };
  }
}

// What a spotlight shows: a learner's Dockerfile and image, or the
// instructor's own Dockerfile.
export type SpotlightView =
  | { kind: 'member'; detail: MemberDetail }
  | { kind: 'instructor'; dockerfile: string }
  | null;

// What a learner's page receives on connect and after every class change.
export interface ClassFeed {
  classroom: ClassInfo;
  messages: ClassMessage[];
  you: MemberRow;
}
